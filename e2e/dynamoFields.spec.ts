import { expect, openApp, test } from './fixtures.ts';

test.describe('Dynamo number fields', () => {
  test('say why they refuse a value, next to the field, also after leaving it; the limit of T depends on S', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Dynamo', exact: true }).click();
    const ring = page.locator('.dyn-section').filter({ hasText: 'partitioning' });
    const tokens = ring.getByRole('spinbutton', { name: /^tokens T/ });
    const nodes = ring.getByRole('spinbutton', { name: /^nodes S/ });
    await expect(tokens).toHaveValue('4');

    await tokens.fill('2000');
    await expect(tokens).toHaveAttribute('aria-invalid', 'true');
    await expect(tokens).toHaveAccessibleDescription('at most 1,024');
    await tokens.press('Tab');
    await expect(tokens).toHaveValue('4');
    await expect(tokens).toHaveAccessibleDescription('“2000” not applied (at most 1,024); kept 4');

    await tokens.fill('2.5');
    await expect(tokens).toHaveAccessibleDescription('whole numbers only');

    // With 256 nodes, T may be at most 256: the ring holds at most 65,536 tokens.
    await tokens.fill('4');
    await nodes.fill('256');
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    await expect(page.locator('.dyn-setup')).toContainText('256 nodes');
    await tokens.fill('300');
    await expect(tokens).toHaveAccessibleDescription('at most 256: the ring holds at most 65,536 tokens (S × T), and S = 256');
    await tokens.fill('256');
    await expect(tokens).toHaveAttribute('aria-invalid', 'false');
    await expect(tokens).not.toHaveAccessibleDescription(/./);
    await expect(nodes).toHaveAccessibleDescription('');
    // S's own cap is 1,000 nodes; at T = 256 the ring's joint limit is the one that binds.
    await nodes.fill('300');
    await expect(nodes).toHaveAccessibleDescription('at most 256: the ring holds at most 65,536 tokens (S × T), and T = 256');
    await nodes.fill('200');
    await tokens.fill('500');
    await expect(tokens).toHaveAccessibleDescription(/^at most 327: the ring holds/);
    await page.locator('.dyn-settings').screenshot({ path: 'test-results/dynamo-field-why.png' });
  });
});

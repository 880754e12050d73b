/// <reference types="@webgpu/types" />
import type { GpuHost } from '../../src/engines/kernels/api.ts';
import { WGSL_WORKGROUP_SIZE } from '../../src/engines/kernels/codegen/wgsl.ts';

/** The grid is two-dimensional because one dimension holds at most this many workgroups (api.ts, GpuHost). */
const MAX_GROUPS_PER_DIMENSION = 65_535;

/** Why there is no GPU here, in words for the run panel. */
export type GpuAvailability = { host: GpuHost } | { missing: string };

/**
 * The browser's GpuHost, in the kernels worker: one adapter and device, one compute pipeline per
 * distinct WGSL text, float32 storage buffers per dispatch, and a read-back of the outputs.
 * Debian's Chromium provides an adapter on SwiftShader with `--enable-unsafe-webgpu
 * --use-webgpu-adapter=swiftshader` (correct, not fast).
 */
export async function createWebGpuHost(): Promise<GpuAvailability> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { missing: 'This browser has no WebGPU (navigator.gpu is missing in workers); Chrome and Edge 113+ have it.' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { missing: `This browser refused a WebGPU adapter: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!adapter) return { missing: 'This browser has WebGPU but no adapter: the GPU is blocked or absent (try another browser or machine).' };
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
    },
  });
  const info = adapter.info;
  const adapterInfo = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'WebGPU adapter';
  const pipelines = new Map<string, Promise<GPUComputePipeline>>();
  let lost: string | undefined;
  void device.lost.then((l) => (lost = `The GPU device was lost (${l.message || l.reason}); reload the page to get it back.`));

  const pipeline = (wgsl: string) => {
    let p = pipelines.get(wgsl);
    if (!p) {
      p = compile(device, wgsl);
      pipelines.set(wgsl, p);
      p.catch(() => pipelines.delete(wgsl));
    }
    return p;
  };

  const host: GpuHost = {
    adapterInfo,
    async dispatch(wgsl, buffers, invocations, outputs) {
      if (lost) throw new Error(lost);
      const limit = device.limits.maxStorageBuffersPerShaderStage;
      if (buffers.length > limit) throw new Error(`the shader needs ${buffers.length} storage buffers; this GPU allows ${limit}`);
      const compute = await pipeline(wgsl);
      const gpuBuffers = buffers.map((data) => {
        const b = device.createBuffer({ size: Math.max(4, data.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, mappedAtCreation: true });
        new Float32Array(b.getMappedRange()).set(data);
        b.unmap();
        return b;
      });
      const reads = outputs.map((k) => device.createBuffer({ size: Math.max(4, buffers[k]!.byteLength), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));
      try {
        device.pushErrorScope('validation');
        const bind = device.createBindGroup({ layout: compute.getBindGroupLayout(0), entries: gpuBuffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
        const encoder = device.createCommandEncoder();
        const pass = encoder.beginComputePass();
        pass.setPipeline(compute);
        pass.setBindGroup(0, bind);
        const groups = Math.ceil(invocations / WGSL_WORKGROUP_SIZE);
        if (groups > 0) pass.dispatchWorkgroups(Math.min(groups, MAX_GROUPS_PER_DIMENSION), Math.ceil(groups / MAX_GROUPS_PER_DIMENSION));
        pass.end();
        outputs.forEach((k, i) => encoder.copyBufferToBuffer(gpuBuffers[k]!, 0, reads[i]!, 0, reads[i]!.size));
        device.queue.submit([encoder.finish()]);
        const problem = await device.popErrorScope();
        if (problem) throw new Error(`WebGPU refused the dispatch: ${problem.message}`);
        return await Promise.all(
          reads.map(async (r, i) => {
            await r.mapAsync(GPUMapMode.READ);
            const out = new Float32Array(r.getMappedRange().slice(0, buffers[outputs[i]!]!.byteLength));
            r.unmap();
            return out;
          }),
        );
      } finally {
        for (const b of [...gpuBuffers, ...reads]) b.destroy();
      }
    },
  };
  return { host };
}

/** One compute pipeline; WGSL errors come back with their line and column in the message. */
async function compile(device: GPUDevice, wgsl: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code: wgsl });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) throw new Error(`the generated WGSL does not compile: ${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`);
  device.pushErrorScope('validation');
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const problem = await device.popErrorScope();
  if (problem) throw new Error(`WebGPU refused the pipeline: ${problem.message}`);
  return pipeline;
}

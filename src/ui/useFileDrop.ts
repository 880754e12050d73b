import { useState, type DragEvent } from 'react';

/**
 * Dropping a file on a lab: the handlers for its outer element and whether a file is being dragged
 * over it (for an outline and a hint). Only file drags are accepted; text dragged inside an editor
 * passes through.
 */
export function useFileDrop(onFile: (file: File) => void) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (e.currentTarget === e.target) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      const file = e.dataTransfer.files[0];
      if (!file) return;
      e.preventDefault();
      setDragging(false);
      onFile(file);
    },
  };
  return { dragging, handlers };
}

import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditor } from '../state/store';
import type { FlowModel } from './flow-model';
import { fitView } from './viewport';

/**
 * The view moves the document asks for: a loaded document is fitted into
 * view once its nodes have sizes (dropping nodes on an empty canvas never
 * zooms), and a node named elsewhere (the problems panel) is centred.
 */
export function useViewRequests(model: FlowModel): void {
  const flow = useReactFlow();
  const fitRequest = useEditor((s) => s.fitRequest);
  const focusRequest = useEditor((s) => s.focusRequest);
  const initialized = useNodesInitialized();
  const fitted = useRef(0);
  useEffect(() => {
    if (!fitRequest || fitted.current === fitRequest || !initialized) return;
    fitted.current = fitRequest;
    void fitView(flow);
  }, [fitRequest, initialized, flow]);

  useEffect(() => {
    if (!focusRequest) return;
    const node = flow.getNode(focusRequest.id);
    if (!node) return;
    const size = model.measured.get(node.id) ?? { width: 200, height: 100 };
    void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  }, [focusRequest, flow, model]);
}

/** An interactive graph (cytoscape) of entities and documents: mentions, co-occurrence and,
 *  for e-mail, who wrote to whom. A node opens its entity or document. */

import type { JSX } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { Graph } from '../../api-types.js'
import { navigate, href } from '../../router.js'

const colors: Record<string, string> = {
  person: '#c2410c',
  organization: '#1d4ed8',
  location: '#15803d',
  email: '#7c3aed',
  money: '#a16207',
  date: '#0f766e',
  document: '#475569',
}

export function EntityGraph(props: { graph: Graph; label: string }): JSX.Element {
  const container = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!container.current) return
    let destroyed = false
    let instance: { destroy: () => void } | null = null
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (destroyed || !container.current) return
      const maxWeight = Math.max(1, ...props.graph.edges.map((edge) => edge.weight))
      const cy = cytoscape({
        container: container.current,
        elements: [
          ...props.graph.nodes.map((node, index) => ({
            data: {
              id: node.id,
              label: node.label.length > 28 ? `${node.label.slice(0, 27)}…` : node.label,
              color: colors[node.kind === 'document' ? 'document' : node.type] ?? '#64748b',
              shape: node.kind === 'document' ? 'round-rectangle' : 'ellipse',
              center: index === 0 ? 1 : 0,
            },
          })),
          ...props.graph.edges.map((edge, index) => ({
            data: {
              id: `e${index}`,
              source: edge.source,
              target: edge.target,
              width: 1 + (4 * edge.weight) / maxWeight,
              style: edge.kind === 'mention' ? 'dashed' : 'solid',
              arrow: edge.kind === 'mail' ? 'triangle' : 'none',
            },
          })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(color)',
              shape: 'data(shape)' as 'ellipse',
              label: 'data(label)',
              'font-size': 11,
              color: '#1d232b',
              'text-valign': 'bottom',
              'text-margin-y': 4,
              width: 18,
              height: 18,
            },
          },
          { selector: 'node[center = 1]', style: { width: 30, height: 30, 'font-weight': 'bold' } },
          {
            selector: 'edge',
            style: {
              width: 'data(width)',
              'line-color': '#94a3b8',
              'line-style': 'data(style)' as 'solid',
              'target-arrow-shape': 'data(arrow)' as 'triangle',
              'target-arrow-color': '#94a3b8',
              'curve-style': 'bezier',
            },
          },
        ],
        layout: { name: 'cose', animate: false, padding: 20, randomize: false },
        wheelSensitivity: 0.3,
      })
      cy.on('tap', 'node', (event) => {
        const id = (event.target as { id: () => string }).id()
        const node = props.graph.nodes.find((n) => n.id === id)
        if (node?.docId) navigate(href('doc', [node.docId]))
        else if (node?.entity) navigate(href('entity', [node.entity.type, node.entity.normalized]))
      })
      container.current.dataset['rendered'] = String(cy.nodes().length)
      instance = cy
    })
    return () => {
      destroyed = true
      instance?.destroy()
    }
  }, [props.graph])
  return (
    <div
      class="entity-graph"
      ref={container}
      role="img"
      aria-label={props.label}
      data-testid="graph"
    />
  )
}

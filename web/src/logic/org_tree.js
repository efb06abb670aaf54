// Helpers over the organisation tree of GET /api/v1/organisations:
// [{id, parent_id, name, level, version, children: [...]}].

export const LEVEL_LABELS = { province: '省', city: '市', county: '县（区）', unit: '单位' };

export function normaliseTree(data) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.items)) return data.items;
  if (data && Array.isArray(data.organisations)) return data.organisations;
  return [];
}

// id → {node, path: [names from the root]}.
export function indexTree(roots) {
  const index = new Map();
  const walk = (nodes, trail) => {
    for (const node of nodes || []) {
      const path = [...trail, node.name];
      index.set(node.id, { node, path });
      walk(node.children, path);
    }
  };
  walk(roots, []);
  return index;
}

export function orgName(index, id) {
  const hit = index && index.get(Number(id));
  return hit ? hit.node.name : '';
}

export function orgPath(index, id) {
  const hit = index && index.get(Number(id));
  return hit ? hit.path.join(' / ') : '';
}

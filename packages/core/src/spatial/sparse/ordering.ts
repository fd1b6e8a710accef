/**
 * Fill-reducing ordering of a sparse symmetric pattern by nested dissection on breadth-first level
 * structures (George & Liu 1981, ch. 8): split a connected part at the middle level of a BFS from a
 * pseudo-peripheral vertex, order both halves recursively, then the separator last. For the planar-like
 * graphs of contiguity and nearest-neighbour weights the fill of the factors grows like N log N.
 */

/** Symmetric adjacency (no diagonal) in CSR form. */
export interface Adjacency {
  n: number;
  ptr: Int32Array;
  adj: Int32Array;
}

/** Parts at most this large are ordered as they come. */
const LEAF = 24;

/** Permutation `order[new] = old` by nested dissection. */
export function nestedDissection(g: Adjacency): Int32Array {
  const { n, ptr, adj } = g;
  const owner = new Int32Array(n); // id of the part a vertex currently belongs to
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const order = new Int32Array(n);
  let filled = 0;
  let nextId = 2;

  /** BFS from `start` inside part `id`; fills `queue` and `level`, returns how many were reached. */
  const bfs = (start: number, id: number): number => {
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    owner[start] = -id; // visited mark, restored below
    level[start] = 0;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = ptr[v]!; p < ptr[v + 1]!; p++) {
        const u = adj[p]!;
        if (owner[u] !== id) continue;
        owner[u] = -id;
        level[u] = level[v]! + 1;
        queue[tail++] = u;
      }
    }
    for (let q = 0; q < tail; q++) owner[queue[q]!] = id;
    return tail;
  };

  // explicit stack of parts: [vertices, id]; separators are queued to be emitted after both halves
  type Task = { vertices: Int32Array; id: number } | { emit: Int32Array };
  const stack: Task[] = [{ vertices: Int32Array.from({ length: n }, (_, i) => i), id: 1 }];
  owner.fill(1); // ids start at 1 so that −id marks a visited vertex
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('emit' in task) {
      order.set(task.emit, filled);
      filled += task.emit.length;
      continue;
    }
    const { vertices, id } = task;
    if (vertices.length <= LEAF) {
      order.set(vertices, filled);
      filled += vertices.length;
      continue;
    }
    // pseudo-peripheral start: the last vertex reached from an arbitrary one
    let reached = bfs(vertices[0]!, id);
    if (reached < vertices.length) {
      // disconnected: the reached component and the rest are ordered independently
      const component = queue.slice(0, reached);
      const idA = nextId++;
      const idB = nextId++;
      for (const v of vertices) owner[v] = idB;
      for (const v of component) owner[v] = idA;
      const rest = vertices.filter((v) => owner[v] === idB);
      stack.push({ vertices: rest, id: idB }, { vertices: component, id: idA });
      continue;
    }
    reached = bfs(queue[reached - 1]!, id);
    const depth = level[queue[reached - 1]!]!;
    if (depth < 2) {
      order.set(vertices, filled);
      filled += vertices.length;
      continue;
    }
    // middle level: the first whose cumulative count reaches half, kept strictly inside (0, depth)
    let mid = 0;
    let count = 0;
    for (let q = 0; q < reached; q++) {
      count++;
      if (count >= reached / 2) {
        mid = level[queue[q]!]!;
        break;
      }
    }
    mid = Math.min(Math.max(mid, 1), depth - 1);
    // separator: level-mid vertices adjacent to level mid+1; other level-mid vertices join the near half
    const idA = nextId++;
    const idB = nextId++;
    const separator: number[] = [];
    for (let q = 0; q < reached; q++) {
      const v = queue[q]!;
      const lv = level[v]!;
      if (lv < mid) owner[v] = idA;
      else if (lv > mid) owner[v] = idB;
    }
    for (let q = 0; q < reached; q++) {
      const v = queue[q]!;
      if (level[v] !== mid) continue;
      let touchesFar = false;
      for (let p = ptr[v]!; p < ptr[v + 1]!; p++) {
        if (owner[adj[p]!] === idB) {
          touchesFar = true;
          break;
        }
      }
      if (touchesFar) separator.push(v);
    }
    for (const v of separator) owner[v] = -1;
    for (let q = 0; q < reached; q++) {
      const v = queue[q]!;
      if (level[v] === mid && owner[v] !== -1) owner[v] = idA;
    }
    const a = vertices.filter((v) => owner[v] === idA);
    const b = vertices.filter((v) => owner[v] === idB);
    stack.push({ emit: Int32Array.from(separator) }, { vertices: b, id: idB }, { vertices: a, id: idA });
  }
  return order;
}

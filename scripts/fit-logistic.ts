/** Plain L2-regularised logistic regression by full-batch gradient descent (deterministic). */
export const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function fitLogistic(x: number[][], y: number[], o: { epochs: number; l2: number; rate: number }): number[] {
  const dim = x[0]?.length ?? 0;
  const w = new Array<number>(dim).fill(0);
  for (let e = 0; e < o.epochs; e++) {
    const g = new Array<number>(dim).fill(0);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let s = 0;
      for (let d = 0; d < dim; d++) s += w[d]! * xi[d]!;
      const diff = sigmoid(s) - y[i]!;
      for (let d = 0; d < dim; d++) g[d] = g[d]! + diff * xi[d]!;
    }
    for (let d = 0; d < dim; d++) w[d] = w[d]! - o.rate * (g[d]! / x.length + (d === 0 ? 0 : o.l2 * w[d]!));
  }
  return w;
}

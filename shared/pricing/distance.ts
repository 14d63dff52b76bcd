/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, so a swapped pair of
 * letters ('mnii' for 'mini') costs one edit, as a typo does. With `limit`, stops as soon as the
 * distance must exceed it and returns limit + 1: "did you mean" only wants close names, and most
 * pairs are far apart.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  // Three rolling rows: two back for transpositions.
  let prev2 = new Int32Array(cols);
  let prev = new Int32Array(cols);
  let cur = new Int32Array(cols);
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

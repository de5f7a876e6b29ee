//! The maximum-weight assignment (a port of scipy's shortest augmenting
//! path, with its tie-breaking).

// ---------------------------------------------------------------- assignment

const NONE: usize = usize::MAX;

/// Maximum-weight assignment of the `n_r` × `n_c` matrix `w` (row-major,
/// finite weights): `min(n_r, n_c)` pairs (row, column), sorted by row.
///
/// A port of the script's replica of `scipy.optimize.linear_sum_assignment`
/// (shortest augmenting path, Crouse 2016) that breaks ties the same way:
/// rows are augmented in order, the column scan runs over a pool initialised
/// in reverse column order (and refilled by swap-remove), and among equally
/// short paths an unassigned column wins. The floating-point operations are
/// the script's, in the same order, so equal weights stay equal.
pub(super) fn assign_max(w: &[f64], n_r: usize, n_c: usize) -> Vec<(usize, usize)> {
    if n_r == 0 || n_c == 0 {
        return Vec::new();
    }
    // Minimise the negated weights on a matrix with no more rows than
    // columns.
    let transposed = n_c < n_r;
    let (rows, cols) = if transposed { (n_c, n_r) } else { (n_r, n_c) };
    let mut cost = vec![0.0; rows * cols];
    for i in 0..n_r {
        for j in 0..n_c {
            let (r, c) = if transposed { (j, i) } else { (i, j) };
            cost[r * cols + c] = -w[i * n_c + j];
        }
    }
    let col4row = shortest_augmenting_path(&cost, rows, cols);
    let mut pairs: Vec<(usize, usize)> = col4row
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c != NONE)
        .map(|(r, c)| if transposed { (c, r) } else { (r, c) })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// The column of every row of a minimum-cost assignment (`n_r <= n_c`).
fn shortest_augmenting_path(cost: &[f64], n_r: usize, n_c: usize) -> Vec<usize> {
    let inf = f64::INFINITY;
    let mut u = vec![0.0f64; n_r];
    let mut v = vec![0.0f64; n_c];
    let mut path = vec![NONE; n_c];
    let mut col4row = vec![NONE; n_r];
    let mut row4col = vec![NONE; n_c];
    let mut short = vec![inf; n_c];
    let mut in_sr = vec![false; n_r];
    let mut in_sc = vec![false; n_c];
    let mut pool: Vec<usize> = Vec::with_capacity(n_c);
    for cur in 0..n_r {
        short.fill(inf);
        in_sr.fill(false);
        in_sc.fill(false);
        pool.clear();
        pool.extend((0..n_c).rev());
        let mut n_pool = n_c;
        let mut min_val = 0.0f64;
        let mut sink = NONE;
        let mut i = cur;
        while sink == NONE {
            let mut best_k = NONE;
            let mut lowest = inf;
            in_sr[i] = true;
            let ci = &cost[i * n_c..(i + 1) * n_c];
            let ui = u[i];
            for (k, &j) in pool[..n_pool].iter().enumerate() {
                let r = min_val + ci[j] - ui - v[j];
                if r < short[j] {
                    path[j] = i;
                    short[j] = r;
                }
                if short[j] < lowest || (short[j] == lowest && row4col[j] == NONE) {
                    lowest = short[j];
                    best_k = k;
                }
            }
            min_val = lowest;
            if best_k == NONE || min_val == inf {
                // Only with infinite or NaN costs, which the metric never makes.
                return col4row;
            }
            let j = pool[best_k];
            if row4col[j] == NONE {
                sink = j;
            } else {
                i = row4col[j];
            }
            in_sc[j] = true;
            n_pool -= 1;
            pool[best_k] = pool[n_pool];
        }
        u[cur] += min_val;
        for i in 0..n_r {
            if in_sr[i] && i != cur {
                u[i] += min_val - short[col4row[i]];
            }
        }
        for j in 0..n_c {
            if in_sc[j] {
                v[j] -= min_val - short[j];
            }
        }
        let mut j = sink;
        loop {
            let i = path[j];
            row4col[j] = i;
            std::mem::swap(&mut col4row[i], &mut j);
            if i == cur {
                break;
            }
        }
    }
    col4row
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the assignment on a matrix given as rows.
    fn assign(rows: &[&[f64]]) -> Vec<(usize, usize)> {
        let flat: Vec<f64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
        assign_max(&flat, rows.len(), rows.first().map_or(0, |r| r.len()))
    }

    /// Name, matrix rows, expected pairs.
    type Case<'a> = (&'a str, &'a [&'a [f64]], &'a [(usize, usize)]);

    /// Tie-heavy matrices; every expected assignment is the one of the
    /// script's `_lsap_max` (which agrees with scipy's).
    #[test]
    fn assignment_breaks_ties_like_scipy() {
        let a = 0.4 + 0.011;
        let b = 1.011;
        let h = 2.0 / 3.0 + 0.01 + 0.001;
        let z = [0.0; 3];
        #[rustfmt::skip]
        let table: &[Case] = &[
            ("zeros", &[&z, &z, &z], &[(0, 0), (1, 1), (2, 2)]),
            ("same rows", &[&[a, b, a], &[a, b, a], &[a, b, a]], &[(0, 1), (1, 0), (2, 2)]),
            ("ones 2x4", &[&[1.0; 4], &[1.0; 4]], &[(0, 0), (1, 1)]),
            ("ones 4x2", &[&[1.0; 2], &[1.0; 2], &[1.0; 2], &[1.0; 2]], &[(0, 0), (1, 1)]),
            ("bonus ties", &[&[h, h, 0.0, 0.5], &[h, 0.0, h, 0.5], &[0.0, h, h, 0.5]],
                &[(0, 0), (1, 2), (2, 1)]),
            ("half 5x3", &[&[1000.5, 0.0, 1000.5], &[1000.5, 1000.5, 0.0], &z,
                &[1000.5, 1000.5, 1000.5], &[0.0, 1000.5, 0.0]], &[(0, 0), (1, 1), (3, 2)]),
            ("one row", &[&[0.5, 1.0, 1.0, 0.5]], &[(0, 1)]),
            ("one column", &[&[0.5], &[1.0], &[1.0], &[0.5]], &[(1, 0)]),
            ("greedy fails", &[&[1.0, 1.0, 0.0], &[1.0, 0.0, 0.0], &z], &[(0, 1), (1, 0), (2, 2)]),
            ("mixed 4x6", &[&[1.0, b, b, 0.5, 1.0, b], &[0.5, b, 0.5, b, 1.0, 1.0],
                &[0.0, 1.0, 1.0, 1.0, 1.0, 0.0], &[b, 1.0, 0.5, 0.5, 0.0, 1.0]],
                &[(0, 1), (1, 3), (2, 2), (3, 0)]),
            ("mixed 6x4", &[&[1.0, 0.5, 0.0, b], &[b, b, 1.0, 1.0], &[b, 0.5, 1.0, 0.5],
                &[0.5, b, 1.0, 0.5], &[1.0, 1.0, 1.0, 0.0], &[b, 1.0, 0.0, 1.0]],
                &[(0, 3), (1, 0), (2, 2), (3, 1)]),
            ("pool swap-remove", &[&[0.0, 0.5], &[0.5, 0.5], &[1.0, 1.0]], &[(1, 1), (2, 0)]),
            ("empty", &[], &[]),
        ];
        for (name, rows, want) in table {
            assert_eq!(assign(rows), *want, "{name}");
        }
    }
}

//! Percentiles and medians of the samples.

/// `p`-th percentile (nearest rank) of `values`; NaN when there are none.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

pub fn median(values: &[f64]) -> f64 {
    percentile(values, 50.0)
}

/// `median (min–max)` in the unit given, e.g. `412 ms (398–430)`.
pub fn spread(values: &[f64], digits: usize) -> String {
    if values.is_empty() {
        return "—".to_string();
    }
    format!(
        "{:.digits$} ({:.digits$}–{:.digits$})",
        median(values),
        percentile(values, 0.0),
        percentile(values, 100.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 0.0), 1.0);
        assert!(percentile(&[], 50.0).is_nan());
        assert_eq!(spread(&[3.0, 1.0, 2.0], 0), "2 (1–3)");
    }
}

//! Finding positions by text: summaries, details and quotes, case-insensitively.

use crate::model::Model;

/// True when `position`'s summary, detail or one of its quotes holds `query`,
/// ignoring case. An empty query matches nothing.
pub fn position_matches(model: &Model, position: usize, query: &str) -> bool {
    let q = query.to_lowercase();
    if q.is_empty() {
        return false;
    }
    let Some(p) = model.positions.get(position) else {
        return false;
    };
    let has = |s: &str| s.to_lowercase().contains(&q);
    has(&p.summary)
        || p.detail.as_deref().is_some_and(has)
        || p.citations
            .iter()
            .any(|c| has(&c.quote) || has(model.quote_text(c)))
}

/// Every position that matches `query`, in file order, at any date.
pub fn matching_positions(model: &Model, query: &str) -> Vec<usize> {
    (0..model.positions.len())
        .filter(|&i| position_matches(model, i, query))
        .collect()
}

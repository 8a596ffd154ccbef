//! "Did you mean" suggestions for misspelt names.

/// Edit distance in characters, counting a swap of two neighbours as one edit
/// (optimal string alignment), so `titel` is one edit from `title`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    rapidfuzz::distance::osa::distance(a.chars(), b.chars())
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| {
            let len = word.chars().count().max(c.chars().count());
            let cl = c.to_lowercase();
            d <= (len / 3).max(1)
                || (c.len() >= 2 && lower.starts_with(&cl))
                || (lower.len() >= 2 && cl.starts_with(&lower))
        })
        .min_by_key(|&(d, c)| {
            let shared = lower
                .chars()
                .zip(c.to_lowercase().chars())
                .take_while(|(a, b)| a == b)
                .count();
            (d, std::cmp::Reverse(shared))
        })
        .map(|(_, c)| c)
}

/// A hint line: "did you mean `x`?" when one is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("usa", ["us", "ru", "ua"]), Some("us"));
        assert_eq!(closest("rus", ["us", "ru", "ua"]), Some("ru"));
        assert_eq!(
            closest("titel", ["schema", "title", "description"]),
            Some("title")
        );
        assert_eq!(closest("ru", ["us", "russia", "ua"]), Some("russia"));
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(closest("sumary", ["summary", "detail"]), Some("summary"));
        assert_eq!(closest("zzzzzz", ["summary", "detail"]), None);
        assert_eq!(closest("Title", ["title"]), Some("title"));
    }
}

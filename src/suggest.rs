//! "Did you mean" suggestions for misspelt names.

use std::cmp::Reverse;

/// Edit distance in characters, counting a swap of two neighbours as one edit
/// (optimal string alignment), so `titel` is one edit from `title`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    rapidfuzz::distance::osa::distance(a.chars(), b.chars())
}

/// How close `word` (lowercased: `lower`) is to `candidate`, when it is close enough
/// to be a likely typo: smaller is closer. One is a prefix of the other, or the same
/// in another case, before any edit (`eu` is nearer `europe` than `ru`); then the edit
/// distance, then the longer common start.
fn nearness(word: &str, lower: &str, candidate: &str) -> Option<(bool, usize, Reverse<usize>)> {
    let cl = candidate.to_lowercase();
    let d = edit_distance(lower, &cl);
    let len = word.chars().count().max(candidate.chars().count());
    let prefix = (cl.chars().count() >= 2 && lower.starts_with(&cl))
        || (lower.chars().count() >= 2 && cl.starts_with(lower));
    if d > (len / 3).max(1) && !prefix {
        return None;
    }
    let shared = lower
        .chars()
        .zip(cl.chars())
        .take_while(|(a, b)| a == b)
        .count();
    Some((!prefix, d, Reverse(shared)))
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| Some((nearness(word, &lower, c)?, c)))
        .min_by_key(|(n, _)| *n)
        .map(|(_, c)| c)
}

/// The id of the entry closest to `word` by any of the names it is shown by (`[id,
/// short name, name]`, a party's; an issue's short name is its id), if one is close
/// enough to be a likely typo: `eu` finds `europe` by its name "Europe", `russa` finds
/// `ru` by "Russia".
pub fn closest_named<'a>(word: &str, entries: &[[&'a str; 3]]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    entries
        .iter()
        .filter_map(|names| {
            let best = names
                .iter()
                .filter_map(|n| nearness(word, &lower, n))
                .min()?;
            Some((best, names[0]))
        })
        .min_by_key(|(n, _)| *n)
        .map(|(_, id)| id)
}

/// A hint line: "did you mean `x`?" when one is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// [`did_you_mean`] weighing the names an entry is shown by (see [`closest_named`]):
/// the id to write.
pub fn did_you_mean_named(word: &str, entries: &[[&str; 3]]) -> Option<String> {
    closest_named(word, entries).map(|c| format!("did you mean `{c}`?"))
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

    #[test]
    fn names_and_short_names_weigh_in() {
        let parties = [
            ["us", "US", "United States"],
            ["ru", "RU", "Russia"],
            ["ua", "UA", "Ukraine"],
            ["europe", "Europe", "Europe"],
        ];
        assert_eq!(closest_named("eu", &parties), Some("europe"));
        assert_eq!(closest_named("russa", &parties), Some("ru"));
        assert_eq!(closest_named("ukrain", &parties), Some("ua"));
        assert_eq!(closest_named("usa", &parties), Some("us"));
        assert_eq!(closest_named("rus", &parties), Some("ru"));
        assert_eq!(closest_named("china", &parties), None);
        // Among ids too, a prefix comes before an edit: `eu` is one edit from `ru`.
        assert_eq!(closest("eu", ["us", "ru", "ua", "europe"]), Some("europe"));
    }
}

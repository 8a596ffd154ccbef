//! "Did you mean" suggestions for misspelt names.

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| {
            let len = word.chars().count().max(c.chars().count());
            d <= (len / 3).max(1) || (c.len() >= 2 && lower.starts_with(&c.to_lowercase()))
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
        assert_eq!(closest("sumary", ["summary", "detail"]), Some("summary"));
        assert_eq!(closest("zzzzzz", ["summary", "detail"]), None);
        assert_eq!(closest("Title", ["title"]), Some("title"));
    }
}

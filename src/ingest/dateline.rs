//! The date a document gives itself in its text: a dateline near its top, such as
//! "Kyiv, 24 April 2025", "WASHINGTON, April 24, 2025 — The …", "Date: 2025-04-24".
//! A date only there, not one a sentence mentions further down.

use crate::date::Date;
use std::sync::LazyLock;

/// How many lines from the top a dateline may be on.
const LINES: usize = 20;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A line that opens with a date, after a place (`Kyiv,`, `NEW YORK —`) or a label
/// (`Date:`), and ends there or goes on after a dash, a colon or a full stop.
static DATELINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let month = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?i:[a-z])*\.?";
    let day = r"[0-3]?\d(?:st|nd|rd|th)?";
    let pattern = format!(
        r"^(?:(?i:dated?|issued|published)\s*:?\s*|[\p{{L}}][\p{{L}}.'’\- ]{{0,40}}?\s*(?:,|\s[-–—]\s)\s*)?(?:(?P<d1>{day})\s+(?P<m1>{month}),?\s+(?P<y1>\d{{4}})|(?P<m2>{month})\s+(?P<d2>{day}),?\s+(?P<y2>\d{{4}})|(?P<iso>\d{{4}}-\d\d-\d\d)|(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?P<y3>\d{{4}}))(?:\s*$|\s*[-–—:.]|\s+\p{{Lu}})"
    );
    regex::Regex::new(&pattern).expect("the dateline pattern is valid")
});

/// The first dateline in the first lines of `text`: its date and the words it was
/// read from.
pub fn find(text: &str) -> Option<(Date, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(LINES)
        .find_map(|line| {
            let caps = DATELINE.captures(line)?;
            let date = date_of(&caps)?;
            let whole = caps.get(0)?.as_str();
            let words = whole.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '.');
            let words = words.trim_end_matches('.').trim();
            Some((date, words.to_string()))
        })
}

/// The date the captures name, if it is a real one.
fn date_of(caps: &regex::Captures) -> Option<Date> {
    let number = |name: &str| {
        caps.name(name)?
            .as_str()
            .trim_end_matches(char::is_alphabetic)
            .parse::<u32>()
            .ok()
    };
    let month = |name: &str| {
        let m = caps.name(name)?.as_str().to_lowercase();
        let m = m.trim_end_matches('.');
        MONTHS
            .iter()
            .position(|full| full.starts_with(m) && m.len() >= 3)
            .map(|i| i as u32 + 1)
    };
    let (y, m, d) = if let Some(iso) = caps.name("iso") {
        return Date::parse(iso.as_str());
    } else if caps.name("y1").is_some() {
        (number("y1")?, month("m1")?, number("d1")?)
    } else if caps.name("y2").is_some() {
        (number("y2")?, month("m2")?, number("d2")?)
    } else {
        (number("y3")?, number("m3")?, number("d3")?)
    };
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(String, String)> {
        find(text).map(|(d, w)| (d.to_string(), w))
    }

    #[test]
    fn datelines_as_they_are_written() {
        let cases = [
            ("Kyiv, 24 April 2025", "2025-04-24", "Kyiv, 24 April 2025"),
            (
                "WASHINGTON, April 24, 2025 — The Secretary met",
                "2025-04-24",
                "WASHINGTON, April 24, 2025",
            ),
            (
                "Brussels, 3rd Sept. 2024",
                "2024-09-03",
                "Brussels, 3rd Sept. 2024",
            ),
            ("Date: 2025-04-24", "2025-04-24", "Date: 2025-04-24"),
            ("24.04.2025", "2025-04-24", "24.04.2025"),
            (
                "Geneva – 12 May 2025. The ministers",
                "2025-05-12",
                "Geneva – 12 May 2025",
            ),
            (
                "New York, 1 March 2022 The talks",
                "2022-03-01",
                "New York, 1 March 2022",
            ),
        ];
        for (line, want, words) in cases {
            let text = format!("JOINT STATEMENT\n\n{line}\n\nThe ministers agreed.");
            assert_eq!(date(&text), Some((want.into(), words.into())), "{line}");
        }
    }

    #[test]
    fn dates_in_sentences_and_impossible_dates_are_not_datelines() {
        for text in [
            "The ministers met on 24 April 2025 in Kyiv.",
            "In April 2025, the ministers met.",
            "Kyiv, 31 April 2025",
            "Kyiv, 24 Aprilis 2025",
            "Figure 3: 24 April 2025 data",
            "Kyiv, 24 April 2025 in the morning",
        ] {
            assert_eq!(date(text), None, "{text}");
        }
        let late = format!("{}Kyiv, 24 April 2025", "A line.\n".repeat(LINES));
        assert_eq!(date(&late), None);
    }
}

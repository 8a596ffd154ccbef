//! Calendar dates as positions.toml writes them (`2025-04-17`).

use std::fmt;

/// A calendar date without time or offset, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// Builds a date, checking that the day exists in that month.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The day before this one (`None` before 0000-01-01).
    pub fn previous_day(self) -> Option<Date> {
        if self.day > 1 {
            return Date::new(self.year, self.month, self.day - 1);
        }
        let (year, month) = match self.month {
            1 => (self.year.checked_sub(1)?, 12),
            m => (self.year, m - 1),
        };
        (28..=31).rev().find_map(|day| Date::new(year, month, day))
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        Date::new(
            u16::try_from(digits(0..4)?).ok()?,
            u8::try_from(digits(5..7)?).ok()?,
            u8::try_from(digits(8..10)?).ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        assert_eq!(Date::parse("2025-04-17"), Date::new(2025, 4, 17));
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2025-4-17"), None);
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("２０２５-04-17"), None);
        assert!(Date::parse("2025-04-17").unwrap() < Date::parse("2025-04-22").unwrap());
    }

    #[test]
    fn the_day_before_crosses_months_years_and_leap_days() {
        let before = |s: &str| {
            Date::parse(s)
                .unwrap()
                .previous_day()
                .map(|d| d.to_string())
        };
        assert_eq!(before("2025-04-17").as_deref(), Some("2025-04-16"));
        assert_eq!(before("2025-05-01").as_deref(), Some("2025-04-30"));
        assert_eq!(before("2024-03-01").as_deref(), Some("2024-02-29"));
        assert_eq!(before("2025-03-01").as_deref(), Some("2025-02-28"));
        assert_eq!(before("2025-01-01").as_deref(), Some("2024-12-31"));
        assert_eq!(before("0000-01-01"), None);
    }
}

//! RFC 4180 CSV: the wide grid, or with `--long` one row per citation (with as-of date,
//! status, confidence and why the position is contested, if it is).
//!
//! Fields are quoted when they hold `"`, `,` or a line break, records end in CRLF,
//! text is [`clean`]ed, and a field that a spreadsheet could take for a formula gets
//! a leading `'`.

use crate::sanitize::{clean, one_line};
use crate::view::View;

/// The wide table: header `Issue,<party name>...`, one row per issue, a cell is the
/// summary of the position shown (empty where there is none).
pub fn render(view: &View) -> String {
    let m = &*view.model;
    let mut out = String::new();
    let header: Vec<&str> = std::iter::once("Issue")
        .chain(view.parties.iter().map(|&p| m.parties[p].name.as_str()))
        .collect();
    record(&mut out, &header);
    for &ii in &view.issues {
        let mut row = vec![m.issues[ii].name.as_str()];
        for &pi in &view.parties {
            row.push(view.cell(ii, pi).map_or("", |p| p.summary.as_str()));
        }
        record(&mut out, &row);
    }
    out
}

/// The long table: one row per citation of every cell shown, in grid order (issue,
/// then party). Quote and sentence are on one line each.
pub fn render_long(view: &View) -> String {
    let m = &*view.model;
    let mut out = String::new();
    record(
        &mut out,
        &[
            "Party",
            "Issue",
            "As of",
            "Summary",
            "Stance",
            "Status",
            "Confidence",
            "Contested",
            "Source",
            "Quote",
            "Sentence",
        ],
    );
    for &ii in &view.issues {
        let issue = &m.issues[ii];
        for &pi in &view.parties {
            let party = &m.parties[pi];
            let Some(i) = view.position_at(ii, pi) else {
                continue;
            };
            let p = &m.positions[i];
            let contested = crate::view::evidence::contested(m, i, view.horizon())
                .map_or(String::new(), |c| c.reason(m));
            let as_of = p.as_of.map_or(String::new(), |d| d.to_string());
            // The stance in words: the position's own, or the one that still stands from
            // an earlier position under a statement without one.
            let stance = crate::view::facts::cell_stance_words(issue, p)
                .or_else(|| {
                    view.earlier_standing(ii, pi).and_then(|s| {
                        crate::view::facts::earlier_stance_words(m, s, view.horizon())
                    })
                })
                .unwrap_or_default();
            for c in &p.citations {
                let sentence = one_line(m.sentence_text(c));
                record(
                    &mut out,
                    &[
                        &party.name,
                        &issue.name,
                        &as_of,
                        &p.summary,
                        &stance,
                        p.status.map_or("", |s| s.id()),
                        p.confidence.map_or("", |c| c.id()),
                        &contested,
                        &m.sources[c.source].title,
                        &c.quote,
                        &sentence,
                    ],
                );
            }
        }
    }
    out
}

/// Appends one record.
fn record(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, &clean(f));
    }
    out.push_str("\r\n");
}

/// Appends one field, guarded against formulas and quoted when it must be.
fn field(out: &mut String, s: &str) {
    let guard = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains(['"', ',', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    fn f(s: &str) -> String {
        let mut out = String::new();
        field(&mut out, s);
        out
    }

    #[test]
    fn quotes_and_guards() {
        assert_eq!(f("plain"), "plain");
        assert_eq!(f("a,b"), "\"a,b\"");
        assert_eq!(f("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(f("two\nlines"), "\"two\nlines\"");
        assert_eq!(f("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(f("-1"), "'-1");
        assert_eq!(f("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(f("\tx"), "'\tx");
        assert_eq!(f("a=b"), "a=b");
    }
}

//! A quick reader for a part of positions written plainly, line by line.
//!
//! The TOML parser keeps a token and an event for every few bytes and checks every
//! rule of the language; a part of a positions file (see `parts`) is almost always a
//! run of `[[position]]` and `[[position.cite]]` headers, each followed by lines of
//! `key = value`, where a value is a string, a date or a one-line array of strings.
//! [`parse`] reads exactly that into the same table, with the same spans, as
//! [`DeTable::parse`] would, and gives up (`None`) on anything else, for the TOML
//! parser to read and report: other headers, quoted or dotted keys, a key given twice,
//! multi-line strings or arrays, numbers, booleans, inline tables, times, `\r`, an
//! escape it does not know, a control character, a date that is not one.

use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml::value::Datetime;

/// The header of a position.
const POSITION: &str = "[[position]]";

/// The header of a position's citation.
const CITE: &str = "[[position.cite]]";

/// The table `DeTable::parse(text)` gives (its root), when `text` is written plainly;
/// `None` otherwise.
pub(super) fn parse(text: &str) -> Option<DeTable<'_>> {
    let mut positions: Vec<Spanned<DeValue<'_>>> = Vec::new();
    // The position being read, its first citation header, and its citations.
    let mut position: Option<(Range<usize>, DeTable<'_>)> = None;
    let mut cites: Option<(Range<usize>, Vec<Spanned<DeValue<'_>>>)> = None;
    // The citation being read.
    let mut cite: Option<(Range<usize>, DeTable<'_>)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        if body.contains('\r') {
            return None;
        }
        let content = body.trim_start_matches([' ', '\t']);
        let indent = body.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            if !plain_comment(content) {
                return None;
            }
            continue;
        }
        if content.starts_with('[') {
            let (name, comment) = content.split_at(content.find('#').unwrap_or(content.len()));
            let name = name.trim_end_matches([' ', '\t']);
            if !plain_comment(comment) {
                return None;
            }
            let header = start + indent..start + indent + name.len();
            if name == POSITION {
                close_cite(&mut cite, &mut cites)?;
                close_position(&mut position, &mut cites, &mut positions)?;
                position = Some((header, DeTable::new()));
            } else if name == CITE {
                let (_, table) = position.as_ref()?;
                if table.contains_key("cite") {
                    return None;
                }
                close_cite(&mut cite, &mut cites)?;
                cites.get_or_insert_with(|| (header.clone(), Vec::new()));
                cite = Some((header, DeTable::new()));
            } else {
                return None;
            }
            continue;
        }
        let ((Some((_, table)), _) | (None, Some((_, table)))) = (&mut cite, &mut position) else {
            return None;
        };
        let (key, value) = key_value(content, start + indent)?;
        if table.insert(key, value).is_some() {
            return None;
        }
    }
    close_cite(&mut cite, &mut cites)?;
    close_position(&mut position, &mut cites, &mut positions)?;
    let first = positions.first()?.span();
    let key = Spanned::new(first.start + 2..first.end - 2, Cow::Borrowed("position"));
    let mut root = DeTable::new();
    root.insert(key, Spanned::new(first, DeValue::Array(array(positions))));
    Some(root)
}

/// Puts the citation being read among its position's.
fn close_cite<'i>(
    cite: &mut Option<(Range<usize>, DeTable<'i>)>,
    cites: &mut Option<(Range<usize>, Vec<Spanned<DeValue<'i>>>)>,
) -> Option<()> {
    if let Some((header, table)) = cite.take() {
        cites
            .as_mut()?
            .1
            .push(Spanned::new(header, DeValue::Table(table)));
    }
    Some(())
}

/// Puts the position being read, with its citations, among the positions.
fn close_position<'i>(
    position: &mut Option<(Range<usize>, DeTable<'i>)>,
    cites: &mut Option<(Range<usize>, Vec<Spanned<DeValue<'i>>>)>,
    positions: &mut Vec<Spanned<DeValue<'i>>>,
) -> Option<()> {
    let Some((header, mut table)) = position.take() else {
        return cites.is_none().then_some(());
    };
    if let Some((first, list)) = cites.take() {
        let key = Spanned::new(first.end - 6..first.end - 2, Cow::Borrowed("cite"));
        table.insert(key, Spanned::new(first, DeValue::Array(array(list))));
    }
    positions.push(Spanned::new(header, DeValue::Table(table)));
    Some(())
}

fn array(items: Vec<Spanned<DeValue<'_>>>) -> DeArray<'_> {
    items.into_iter().collect()
}

/// True for an empty line's rest or a comment the TOML parser takes as it is: no
/// control character but tab.
fn plain_comment(s: &str) -> bool {
    !s.bytes().any(control)
}

/// The (ASCII) characters TOML allows in no string or comment: control characters but
/// tab. No byte of another character's UTF-8 is one of them.
fn control(b: u8) -> bool {
    (b < b' ' && b != b'\t') || b == 0x7f
}

/// `key = value` (with an optional comment after), `line` starting at byte `offset`.
fn key_value(line: &str, offset: usize) -> Option<(Spanned<Cow<'_, str>>, Spanned<DeValue<'_>>)> {
    let key_len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    if key_len == 0 {
        return None;
    }
    let key = Spanned::new(offset..offset + key_len, Cow::Borrowed(&line[..key_len]));
    let rest = line[key_len..].trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix('=')?;
    let written = rest.trim_start_matches([' ', '\t']);
    let value_at = offset + line.len() - written.len();
    let (value, used) = match written.as_bytes().first()? {
        b'"' | b'\'' => {
            let (s, used) = string(written)?;
            (DeValue::String(s), used)
        }
        b'[' => strings(written, value_at)?,
        b'0'..=b'9' => date(written)?,
        _ => return None,
    };
    let after = written[used..].trim_start_matches([' ', '\t']);
    if !(after.is_empty() || after.starts_with('#') && plain_comment(after)) {
        return None;
    }
    Some((key, Spanned::new(value_at..value_at + used, value)))
}

/// A one-line string at the start of `s` (basic or literal, not multi-line), and how
/// many bytes it takes, quotes included.
fn string(s: &str) -> Option<(Cow<'_, str>, usize)> {
    let quote = s.as_bytes()[0];
    let body = &s[1..];
    if body.starts_with(if quote == b'"' { "\"\"" } else { "''" }) {
        return None;
    }
    // Bytes are enough: the characters looked for are ASCII, and no byte of another
    // character's UTF-8 is.
    let bytes = body.as_bytes();
    if quote == b'\'' {
        let end = bytes.iter().position(|&b| b == b'\'' || control(b))?;
        return (bytes[end] == b'\'').then_some((Cow::Borrowed(&body[..end]), end + 2));
    }
    let mut owned: Option<String> = None;
    let mut from = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let text = match owned {
                    Some(mut o) => {
                        o.push_str(&body[from..i]);
                        Cow::Owned(o)
                    }
                    None => Cow::Borrowed(&body[..i]),
                };
                return Some((text, i + 2));
            }
            b'\\' => {
                let o = owned.get_or_insert_with(String::new);
                o.push_str(&body[from..i]);
                let digits = match bytes.get(i + 1)? {
                    b'u' => 4,
                    b'U' => 8,
                    e => {
                        o.push(match e {
                            b'"' => '"',
                            b'\\' => '\\',
                            b'n' => '\n',
                            b't' => '\t',
                            b'r' => '\r',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'e' => '\u{1b}',
                            _ => return None,
                        });
                        i += 2;
                        from = i;
                        continue;
                    }
                };
                let hex = body.get(i + 2..i + 2 + digits)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                o.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                i += 2 + digits;
                from = i;
            }
            b if control(b) => return None,
            _ => i += 1,
        }
    }
    None
}

/// A one-line array of strings at the start of `s` (`s` at byte `offset`), and how
/// many bytes it takes, brackets included.
fn strings(s: &str, offset: usize) -> Option<(DeValue<'_>, usize)> {
    let mut items = Vec::new();
    let mut i = 1;
    let skip = |i: usize| i + s[i..].len() - s[i..].trim_start_matches([' ', '\t']).len();
    loop {
        i = skip(i);
        match s.as_bytes().get(i)? {
            b']' => return Some((DeValue::Array(array(items)), i + 1)),
            b'"' | b'\'' => {
                let (text, used) = string(&s[i..])?;
                items.push(Spanned::new(
                    offset + i..offset + i + used,
                    DeValue::String(text),
                ));
                i = skip(i + used);
                match s.as_bytes().get(i)? {
                    b',' => i += 1,
                    b']' => return Some((DeValue::Array(array(items)), i + 1)),
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
}

/// A local date (`YYYY-MM-DD`, nothing after it but white space or a comment) at the
/// start of `s`, and its 10 bytes.
fn date(s: &str) -> Option<(DeValue<'_>, usize)> {
    let text = s.get(..10)?;
    let shape = text.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape || !matches!(s.as_bytes().get(10), None | Some(b' ' | b'\t' | b'#')) {
        return None;
    }
    let datetime: Datetime = text.parse().ok()?;
    Some((DeValue::Datetime(datetime), 10))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the TOML parser reads, if it reads it: its Debug form, spans included.
    fn by_toml(text: &str) -> Option<String> {
        DeTable::parse(text)
            .ok()
            .map(|d| format!("{:?}", d.get_ref()))
    }

    fn check(text: &str) -> bool {
        let plain = parse(text);
        if let Some(plain) = &plain {
            assert_eq!(
                Some(format!("{plain:?}")),
                by_toml(text),
                "read otherwise than the TOML parser reads it:\n{text}"
            );
        }
        plain.is_some()
    }

    const PLAIN: &str = "[[position]]\nparty = \"us\"\nissue = \"t\" # a comment\n\
        summary = \"S \\\"x\\\" \\u00e9\\U0001F600 \\\\ \\t\"\nas_of = 2025-04-21\n\
        acceptable = [\"a\", 'b' ,]\nempty = []\n\n  # indented comment\n\
        [[position.cite]]\nsource = 'a'\nquote = \"q\"\t\n\n[[position.cite]]\n\
        source = \"b\"\nquote = \"\"\n[[position]]\nparty = \"ru\"\n";

    #[test]
    fn reads_a_plain_part_as_the_toml_parser_does() {
        assert!(check(PLAIN));
        assert!(check(&PLAIN.replace('\n', " \n")));
        assert!(check("[[position]]\n[[position]]\nparty = \"x\""));
        assert!(check("[[position]] # c\n[[position.cite]]\t#\n"));
    }

    #[test]
    fn leaves_anything_else_to_the_toml_parser() {
        for odd in [
            "[[position]]\nparty = 'x'\r\n",
            "[[position]]\n\"party\" = \"x\"\n",
            "[[position]]\na.b = \"x\"\n",
            "[[position]]\nparty = \"x\"\nparty = \"y\"\n",
            "[[position]]\nparty = \"\"\"x\"\"\"\n",
            "[[position]]\nn = 1\n",
            "[[position]]\nb = true\n",
            "[[position]]\nt = { a = \"b\" }\n",
            "[[position]]\nd = 2025-04-21T10:00:00\n",
            "[[position]]\nd = 2025-02-30\n",
            "[[position]]\nl = [\n\"a\"]\n",
            "[[position]]\nl = [\"a\" \"b\"]\n",
            "[[position]]\ns = \"a\\xb\"\n",
            "[[position]]\ns = \"a\\ud800\"\n",
            "[[position]]\ns = \"a\u{1}b\"\n",
            "[[position]]\ns = \"open\n",
            "[[position]]\n# bell \u{7}\n",
            "[[position]]\ns = \"x\" y\n",
            "[[position]]\ncite = \"x\"\n[[position.cite]]\n",
            "[[position]]\n[[position.cite]]\ncite = 1\n[[position.cite]]\n",
            "[position]\n",
            "[[position.cite]]\nsource = \"a\"\n",
            "[[ position ]]\n",
            "[[position]]\n[other]\n",
            "party = \"x\"\n",
            "",
        ] {
            assert!(!check(odd), "read plainly: {odd:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Parts made of plain lines and of odd ones: whatever `parse` reads, it reads
        /// as the TOML parser does.
        #[test]
        fn never_reads_otherwise_than_toml(lines in proptest::collection::vec(
            prop_oneof![
                Just("[[position]]".to_string()),
                Just("[[position.cite]]".to_string()),
                Just(String::new()),
                "#[ -~\t]{0,5}",
                "(party|quote|cite|as_of|k-1_) ?= ?\"([a-z \\\\\"\u{e9}]|\\\\[ntu\"\\\\]){0,8}\"( #x)?",
                "(party|quote) = '[a-z\"\\\\ ]{0,5}'",
                "(as_of|d) = [0-9]{4}-[0-9]{2}-[0-9]{2}[ #T]?",
                "acceptable = \\[ ?(\"[a-z]{0,3}\" ?, ?){0,3}('[a-z]')? ?,? ?\\]",
                "[ -~]{0,12}",
            ],
            1..14,
        ), ending in prop_oneof![Just(""), Just("\n")]) {
            let text = format!("[[position]]\n{}{ending}", lines.join("\n"));
            check(&text);
        }
    }
}

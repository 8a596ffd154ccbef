//! Reading a large positions file in parts, on every core.
//!
//! Parsing TOML whole keeps a token and an event for every few bytes of the file at
//! once (about 16 times the file's size at the peak, for a 5 MB file). A file laid out
//! as they are written, the head (schema, parties, issues, sources) and then only
//! `[[position]]` tables, is cut before `[[position]]` headers into parts of about
//! [`PART_BYTES`], and the parts are parsed and read on scoped threads. A part's spans
//! are moved by where it starts, so every span, line and column is the one the whole
//! file gives. On the 30,000-citation model this makes the reader's first frame about
//! 1.5 times as fast, and on a 50,000-position one halves the peak memory (BENCHMARKS.md).
//!
//! Whatever is not so laid out is parsed whole, so that its diagnostics are exactly the
//! whole parse's: a small file, a part that does not parse on its own (a header inside
//! a multi-line string, a syntax error), a part holding other tables than positions, or
//! a head that defines `position` itself.

use super::parse::{self, Ctx, Raw};
use crate::par::{cores, par_map};
use std::ops::Range;
use toml::de::DeTable;

/// Files smaller than this are parsed whole.
const MIN_BYTES: usize = 1024 * 1024;

/// About how large a part is.
const PART_BYTES: usize = 256 * 1024;

/// The header a part starts with.
const HEADER: &str = "[[position]]";

/// Reads `text` in parts, or `None` when it is to be parsed whole (see the module).
pub(super) fn read(ctx: &mut Ctx, text: &str) -> Option<Raw> {
    if text.len() < MIN_BYTES {
        return None;
    }
    let (head, parts) = split(text)?;
    let head_doc = DeTable::parse(&text[..head]).ok()?;
    if head_doc.get_ref().contains_key("position") {
        return None;
    }
    let threads = cores();
    let base: &Ctx = ctx;
    let read = par_map(parts.len(), threads, |i| {
        read_part(base, text, parts[i].clone())
    });
    let read: Vec<_> = read.into_iter().collect::<Option<_>>()?;
    let mut raw = parse::read(ctx, head_doc.get_ref());
    raw.positions
        .reserve_exact(read.iter().map(|(p, _)| p.len()).sum());
    for (positions, diags) in read {
        raw.positions.extend(positions);
        ctx.diags.extend(diags);
    }
    Some(raw)
}

/// Where the head ends, and the parts: ranges of `text` each starting at a
/// `[[position]]` header at the start of a line. `None` when there is no such header.
fn split(text: &str) -> Option<(usize, Vec<Range<usize>>)> {
    let headers: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), HEADER)
        .filter(|&at| at == 0 || text.as_bytes()[at - 1] == b'\n')
        .collect();
    let head = *headers.first()?;
    let mut parts = Vec::new();
    let mut start = head;
    for &at in &headers {
        if at - start >= PART_BYTES {
            parts.push(start..at);
            start = at;
        }
    }
    parts.push(start..text.len());
    Some((head, parts))
}

/// Parses and reads one part: its positions and diagnostics, or `None` when it does
/// not parse on its own or holds anything but `[[position]]` tables.
fn read_part(
    base: &Ctx,
    text: &str,
    part: Range<usize>,
) -> Option<(Vec<parse::RawPosition>, Vec<crate::diagnostic::Diagnostic>)> {
    let part_text = &text[part.clone()];
    let doc = DeTable::parse(part_text).ok()?.into_inner();
    if doc.keys().any(|k| k.get_ref() != "position") {
        return None;
    }
    let mut ctx = base.part(part.start);
    let mut positions = parse::read_part(&mut ctx, &doc);
    for p in &mut positions {
        p.shift(part.start);
    }
    Some((positions, ctx.diags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A file of `n` positions after a head, each about 150 bytes.
    fn file(n: usize, middle: &str) -> String {
        let mut s = String::from("schema = 1\ntitle = \"T\"\n[parties.us]\nname = \"US\"\n");
        s.push_str("[issues.t]\nname = \"T\"\n[sources.a]\nfile = \"a.txt\"\n\n");
        for i in 0..n {
            if i == n / 2 {
                s.push_str(middle);
            }
            s.push_str(&format!(
                "[[position]]\nparty = \"us\"\nissue = \"t\"\nsummary = \"S{i}\"\n\
                 as_of = 2025-04-2{}\nstance = \"a\"\nacceptable = [\"a\", \"b\"]\nbogus = 1\n\n\
                 [[position.cite]]\nsource = \"a\"\nquote = \"q {i} {}\"\n\n",
                i % 10,
                "x".repeat(40)
            ));
        }
        s
    }

    /// What was read of each position, with every span, and the diagnostics.
    fn outline(raw: &Raw, ctx: &Ctx) -> (Vec<String>, Vec<String>) {
        let positions = raw
            .positions
            .iter()
            .map(|p| {
                format!(
                    "{:?} {:?} {:?} {} {:?} {:?} {:?} {:?}",
                    p.header,
                    p.party,
                    p.issue,
                    p.summary,
                    p.as_of.as_ref().map(|d| d.span.clone()),
                    p.stance,
                    p.acceptable,
                    p.cites
                )
            })
            .collect();
        (
            positions,
            ctx.diags.iter().map(ToString::to_string).collect(),
        )
    }

    fn whole(text: &str) -> (Vec<String>, Vec<String>) {
        let mut ctx = Ctx::new(text, Path::new("p.toml"));
        let doc = DeTable::parse(text).expect("parses");
        let raw = parse::read(&mut ctx, doc.get_ref());
        outline(&raw, &ctx)
    }

    #[test]
    fn a_large_file_is_read_in_parts_as_it_is_read_whole() {
        let text = file(12_000, "");
        assert!(text.len() > MIN_BYTES);
        let (head, parts) = split(&text).unwrap();
        assert!(parts.len() > 4, "{} parts", parts.len());
        assert_eq!(parts[0].start, head);
        let mut ctx = Ctx::new(&text, Path::new("p.toml"));
        let raw = read(&mut ctx, &text).expect("read in parts");
        // Same positions, in order, with the same spans, and the same diagnostics (an
        // unknown key in each position, located by line and column).
        let (positions, diags) = outline(&raw, &ctx);
        assert_eq!(positions.len(), 12_000);
        assert_eq!(
            diags.iter().filter(|d| d.contains("`bogus`")).count(),
            12_000
        );
        assert_eq!((positions, diags), whole(&text));
    }

    #[test]
    fn a_header_inside_a_multi_line_string_or_another_table_means_a_whole_parse() {
        // More headers inside a string than a part holds: one of them is cut at.
        let inside = format!(
            "[[position]]\nparty = \"us\"\nissue = \"t\"\nsummary = \"m\"\ndetail = \"\"\"\n{}\"\"\"\n",
            "[[position]]\n".repeat(PART_BYTES / 10)
        );
        let text = file(12_000, &inside);
        let mut ctx = Ctx::new(&text, Path::new("p.toml"));
        // The part cut inside the string does not parse on its own.
        assert!(read(&mut ctx, &text).is_none());
        let text = file(12_000, "[parties.fr]\nname = \"France\"\n");
        assert!(read(&mut Ctx::new(&text, Path::new("p.toml")), &text).is_none());
        let text = format!("position = 1\n{}", file(12_000, ""));
        assert!(read(&mut Ctx::new(&text, Path::new("p.toml")), &text).is_none());
        let small = file(10, "");
        assert!(read(&mut Ctx::new(&small, Path::new("p.toml")), &small).is_none());
    }
}

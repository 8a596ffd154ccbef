//! Edits to a text shown as a unified diff (what `check --fix` prints; the file itself
//! is never written).

use crate::diagnostic::Edit;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// `text` with `edits` applied. Edits are taken in order of their start; one that
/// overlaps an earlier one, reaches past the end or cuts a character is left out.
/// Returns the new text and the edits that were applied.
pub fn apply<'a>(text: &str, edits: &[&'a Edit]) -> (String, Vec<&'a Edit>) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut applied = Vec::new();
    let mut at = 0;
    for e in sorted {
        let r = &e.range;
        if r.start < at
            || r.start > r.end
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&e.text);
        at = r.end;
        applied.push(e);
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// One changed run of lines: old lines `old` (0-based, end exclusive) become `new`.
struct Block {
    old: std::ops::Range<usize>,
    new: Vec<String>,
}

/// A unified diff (`--- a/NAME`, `+++ b/NAME`, `@@` hunks with three lines of
/// context) from `text` to `text` with `edits` applied; empty when nothing changes.
pub fn unified(name: &str, text: &str, edits: &[&Edit]) -> String {
    let (_, applied) = apply(text, edits);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let line_of = |byte: usize| line_starts.partition_point(|&s| s <= byte) - 1;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line_start = |l: usize| line_starts.get(l).copied().unwrap_or(text.len());
    // Group the edits into runs of whole lines that they touch (adjacent lines join).
    let mut groups: Vec<(std::ops::Range<usize>, Vec<&Edit>)> = Vec::new();
    for e in applied {
        let first = line_of(e.range.start);
        let last = line_of(e.range.end.saturating_sub(1).max(e.range.start));
        match groups.last_mut() {
            Some((lines, es)) if first <= lines.end => {
                lines.end = lines.end.max(last + 1);
                es.push(e);
            }
            _ => groups.push((first..last + 1, vec![e])),
        }
    }
    let blocks: Vec<Block> = groups
        .into_iter()
        .map(|(range, es)| {
            let base = line_start(range.start);
            let old_text = &text[base..line_start(range.end)];
            let shifted: Vec<Edit> = es
                .iter()
                .map(|e| Edit {
                    range: e.range.start - base..e.range.end - base,
                    text: e.text.clone(),
                })
                .collect();
            let refs: Vec<&Edit> = shifted.iter().collect();
            let (new_text, _) = apply(old_text, &refs);
            Block {
                old: range,
                new: new_text.split_inclusive('\n').map(str::to_string).collect(),
            }
        })
        .filter(|b| {
            let old: String = lines[b.old.clone()].concat();
            old != b.new.concat()
        })
        .collect();
    if blocks.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let mut delta: isize = 0;
    let mut i = 0;
    while i < blocks.len() {
        // A hunk takes every block whose context touches the next one's.
        let mut j = i;
        while j + 1 < blocks.len() && blocks[j + 1].old.start <= blocks[j].old.end + 2 * CONTEXT {
            j += 1;
        }
        let start = blocks[i].old.start.saturating_sub(CONTEXT);
        let end = (blocks[j].old.end + CONTEXT).min(lines.len());
        let mut body = String::new();
        let (mut old_n, mut new_n) = (0usize, 0usize);
        let mut at = start;
        for b in &blocks[i..=j] {
            for l in &lines[at..b.old.start] {
                push_line(&mut body, ' ', l);
            }
            old_n += b.old.start - at + b.old.len();
            new_n += b.old.start - at + b.new.len();
            for l in &lines[b.old.clone()] {
                push_line(&mut body, '-', l);
            }
            for l in &b.new {
                push_line(&mut body, '+', l);
            }
            at = b.old.end;
        }
        for l in &lines[at..end] {
            push_line(&mut body, ' ', l);
        }
        old_n += end - at;
        new_n += end - at;
        let new_start = (start as isize + delta).max(0) as usize;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(start, old_n),
            range(new_start, new_n)
        ));
        out.push_str(&body);
        for b in &blocks[i..=j] {
            delta += b.new.len() as isize - b.old.len() as isize;
        }
        i = j + 1;
    }
    out
}

/// `START,COUNT` of a hunk header (1-based; an empty range names the line before).
fn range(start: usize, count: usize) -> String {
    if count == 0 {
        format!("{start},0")
    } else {
        format!("{},{count}", start + 1)
    }
}

fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, old: &str, new: &str) -> Edit {
        let at = text.find(old).unwrap();
        Edit {
            range: at..at + old.len(),
            text: new.into(),
        }
    }

    #[test]
    fn one_line_changed_with_context() {
        let text = "a\nb\nc\nquote = \"x\"\nd\ne\nf\ng\n";
        let e = edit(text, "\"x\"", "\"y\"");
        assert_eq!(
            unified("p.toml", text, &[&e]),
            "--- a/p.toml\n+++ b/p.toml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-quote = \"x\"\n+quote = \"y\"\n d\n e\n f\n"
        );
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_line_counts_follow() {
        let mut text = String::new();
        for i in 1..=20 {
            text.push_str(&format!("l{i}\n"));
        }
        let a = edit(&text, "l2\n", "l2a\nl2b\n");
        let b = edit(&text, "l15", "L15");
        let d = unified("p", &text, &[&b, &a]);
        assert!(
            d.contains("@@ -1,5 +1,6 @@\n l1\n-l2\n+l2a\n+l2b\n l3\n"),
            "{d}"
        );
        assert!(
            d.contains("@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+L15\n l16\n"),
            "{d}"
        );
    }

    #[test]
    fn a_multi_line_value_and_no_final_newline() {
        let text = "k = '''\nx\ny'''";
        let e = edit(text, "'''\nx\ny'''", "\"x y\"");
        assert_eq!(
            unified("p", text, &[&e]),
            "--- a/p\n+++ b/p\n@@ -1,3 +1,1 @@\n-k = '''\n-x\n-y'''\n\\ No newline at end of file\n+k = \"x y\"\n\\ No newline at end of file\n"
        );
        assert_eq!(unified("p", text, &[]), "");
        let bad = Edit {
            range: 5..99,
            text: "z".into(),
        };
        assert_eq!(unified("p", text, &[&bad]), "");
    }
}

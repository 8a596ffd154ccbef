//! Walks the TOML document by hand, so that every problem is reported with its span
//! and parsing goes on past it (all errors at once, not one per run).

use crate::date::Date;
use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::suggest::did_you_mean;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A value with the byte span it was written at.
#[derive(Clone, Debug)]
pub(super) struct Sp<T> {
    pub v: T,
    pub span: Range<usize>,
}

pub(super) struct RawParty {
    pub id: Sp<String>,
    pub name: String,
    pub short: Option<String>,
    pub kind: Option<String>,
    pub members: Vec<String>,
}

pub(super) struct RawIssue {
    pub id: Sp<String>,
    pub name: String,
    pub question: Option<String>,
    pub scale: Vec<(Sp<String>, String)>,
}

pub(super) struct RawSource {
    pub id: Sp<String>,
    pub file: Sp<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub(super) struct RawCite {
    pub source: Sp<String>,
    pub quote: Sp<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub speaker: Option<String>,
}

impl RawPosition {
    /// Moves every span `by` bytes on: those of a part of the file parsed apart become
    /// the whole file's.
    pub(super) fn shift(&mut self, by: usize) {
        let on = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
        on(&mut self.header);
        on(&mut self.party.span);
        on(&mut self.issue.span);
        if let Some(a) = &mut self.as_of {
            on(&mut a.span);
        }
        if let Some(st) = &mut self.stance {
            on(&mut st.span);
        }
        if let Some(acc) = &mut self.acceptable {
            on(&mut acc.span);
            acc.v.iter_mut().for_each(|x| on(&mut x.span));
        }
        for c in &mut self.cites {
            on(&mut c.source.span);
            on(&mut c.quote.span);
        }
    }
}

pub(super) struct RawPosition {
    pub header: Range<usize>,
    pub party: Sp<String>,
    pub issue: Sp<String>,
    pub summary: String,
    pub detail: Option<String>,
    pub as_of: Option<Sp<Date>>,
    pub stance: Option<Sp<String>>,
    pub acceptable: Option<Sp<Vec<Sp<String>>>>,
    pub status: Option<String>,
    pub confidence: Option<String>,
    pub conditions: Vec<String>,
    pub notes: Option<String>,
    pub contested: Option<String>,
    pub cites: Vec<RawCite>,
}

/// The document as written, with spans; fields that failed to parse are left out.
pub(super) struct Raw {
    pub title: Option<String>,
    pub description: Option<String>,
    pub sources_dir: Option<Sp<String>>,
    pub parties: Vec<RawParty>,
    pub issues: Vec<RawIssue>,
    pub sources: Vec<RawSource>,
    pub positions: Vec<RawPosition>,
}

/// Where diagnostics about the positions file are collected.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub file: &'a Path,
    lines: std::sync::Arc<LineIndex>,
    /// Where the text parsed starts in `text`: spans of a part of the file parsed
    /// apart are relative to it.
    offset: usize,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, file: &'a Path) -> Self {
        Ctx {
            text,
            file,
            lines: std::sync::Arc::new(LineIndex::new(text)),
            offset: 0,
            diags: Vec::new(),
        }
    }

    /// A context for the part of the same file from byte `offset` on, parsed apart
    /// (its spans start at 0): same text and line index, no diagnostics yet.
    pub fn part(&self, offset: usize) -> Ctx<'a> {
        Ctx {
            text: self.text,
            file: self.file,
            lines: self.lines.clone(),
            offset,
            diags: Vec::new(),
        }
    }

    /// 1-based line of a byte offset of the text parsed.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line((self.offset + offset).min(self.text.len()))
    }

    pub fn report(
        &mut self,
        severity: Severity,
        span: &Range<usize>,
        message: String,
        hint: Option<String>,
    ) {
        let (line, column) = self.lines.locate(self.text, self.offset + span.start);
        self.diags.push(Diagnostic {
            severity,
            file: self.file.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message,
            hint,
            fix: None,
        });
    }

    pub fn error(&mut self, span: &Range<usize>, message: String, hint: Option<String>) {
        self.report(Severity::Error, span, message, hint);
    }

    pub fn warning(&mut self, span: &Range<usize>, message: String, hint: Option<String>) {
        self.report(Severity::Warning, span, message, hint);
    }
}

type Value<'i> = Spanned<DeValue<'i>>;

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// A table being read: reports unknown keys and typed lookups.
struct Table<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    /// How the table is named in messages, e.g. "[parties.us]".
    name: String,
}

impl<'t, 'i> Table<'t, 'i> {
    fn new(
        ctx: &mut Ctx,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        name: String,
        allowed: &[&str],
    ) -> Self {
        for key in table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let word = key.get_ref().as_ref();
                let hint = did_you_mean(word, allowed.iter().copied())
                    .unwrap_or_else(|| format!("allowed keys here: {}", allowed.join(", ")));
                ctx.error(
                    &key.span(),
                    format!("unknown key `{word}` in {name}"),
                    Some(hint),
                );
            }
        }
        Table { table, span, name }
    }

    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    fn missing(&self, ctx: &mut Ctx, key: &str, example: &str) {
        ctx.error(
            &self.span,
            format!("{} is missing the required key `{key}`", self.name),
            Some(format!("add a line like: {key} = {example}")),
        );
    }

    fn wrong_type(&self, ctx: &mut Ctx, key: &str, v: &Value<'_>, want: &str) {
        ctx.error(
            &v.span(),
            format!(
                "`{key}` in {} must be {want}, found {}",
                self.name,
                type_name(v.get_ref())
            ),
            None,
        );
    }

    fn string(&self, ctx: &mut Ctx, key: &str) -> Option<Sp<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Sp {
                v: s.to_string(),
                span: v.span(),
            }),
            _ => {
                self.wrong_type(ctx, key, v, "a string");
                None
            }
        }
    }

    fn required_string(&self, ctx: &mut Ctx, key: &str, example: &str) -> Option<Sp<String>> {
        if self.get(key).is_none() {
            self.missing(ctx, key, example);
            return None;
        }
        let s = self.string(ctx, key)?;
        if s.v.trim().is_empty() {
            ctx.error(&s.span, format!("`{key}` in {} is empty", self.name), None);
            return None;
        }
        Some(s)
    }

    fn text(&self, ctx: &mut Ctx, key: &str) -> Option<String> {
        self.string(ctx, key).map(|s| s.v)
    }

    fn one_of(&self, ctx: &mut Ctx, key: &str, allowed: &[&str]) -> Option<String> {
        let s = self.string(ctx, key)?;
        if allowed.contains(&s.v.as_str()) {
            return Some(s.v);
        }
        let hint = did_you_mean(&s.v, allowed.iter().copied()).map_or_else(
            || format!("one of: {}", allowed.join(", ")),
            |h| format!("{h} (one of: {})", allowed.join(", ")),
        );
        ctx.error(&s.span, format!("`{key}` cannot be `{}`", s.v), Some(hint));
        None
    }

    fn strings(&self, ctx: &mut Ctx, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(ctx, key, v, "an array of strings");
            return None;
        };
        let mut out = Vec::new();
        let mut all_strings = true;
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(Sp {
                    v: s.to_string(),
                    span: item.span(),
                }),
                other => {
                    all_strings = false;
                    ctx.error(
                        &item.span(),
                        format!(
                            "`{key}` in {} must hold strings, found {}",
                            self.name,
                            type_name(other)
                        ),
                        None,
                    );
                }
            }
        }
        // An item that is not a string is reported above, once: the list is left out
        // rather than checked again without it (`acceptable = [0, 2]` is no list of
        // "0 items").
        all_strings.then(|| Sp {
            v: out,
            span: v.span(),
        })
    }

    fn date(&self, ctx: &mut Ctx, key: &str) -> Option<Sp<Date>> {
        let v = self.get(key)?;
        let span = v.span();
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                let date = dt
                    .date
                    .as_ref()
                    .and_then(|d| Date::new(d.year, d.month, d.day));
                match (date, &dt.time, &dt.offset) {
                    (Some(d), None, None) => return Some(Sp { v: d, span }),
                    _ => ctx.error(
                        &span,
                        format!("`{key}` must be a plain date (YYYY-MM-DD), not `{dt}`"),
                        dt.date.map(|d| format!("write {key} = {d}")),
                    ),
                }
            }
            DeValue::String(s) => {
                let hint = match Date::parse(s.trim()) {
                    Some(d) => format!("write the date without quotes: {key} = {d}"),
                    None => "a date is written without quotes, like 2025-04-17".to_string(),
                };
                ctx.error(
                    &span,
                    format!("`{key}` must be a TOML date, not a string (\"{s}\")"),
                    Some(hint),
                );
            }
            _ => self.wrong_type(ctx, key, v, "a date like 2025-04-17"),
        }
        None
    }

    /// A sub-table's entries (`[parties.*]` and the like), in file order.
    fn entries(
        &self,
        ctx: &mut Ctx,
        key: &str,
    ) -> Vec<(Sp<String>, &'t DeTable<'i>, Range<usize>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Table(t) = v.get_ref() else {
            self.wrong_type(ctx, key, v, "a table");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, item) in t {
            let id = Sp {
                v: k.get_ref().to_string(),
                span: k.span(),
            };
            match item.get_ref() {
                DeValue::Table(inner) => out.push((id, inner, k.span())),
                other => ctx.error(
                    &item.span(),
                    format!(
                        "`{key}.{}` must be a table, found {}",
                        id.v,
                        type_name(other)
                    ),
                    Some(format!(
                        "write it as a [{key}.{}] table",
                        crate::sanitize::escape(&id.v)
                    )),
                ),
            }
        }
        out
    }

    /// An array of tables (`[[position]]`), each with the span of its header;
    /// `written` is how its header is written (`[[position.cite]]`).
    fn array_of_tables(
        &self,
        ctx: &mut Ctx,
        key: &str,
        written: &str,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let items = match v.get_ref() {
            DeValue::Array(items) => items,
            DeValue::Table(t) if key == "position" && t.contains_key("cite") => {
                let at = cite_before_position(ctx.text)
                    .map(|a| a.saturating_sub(ctx.offset))
                    .map_or(v.span(), |a| a..a);
                ctx.error(
                    &at,
                    "a [[position.cite]] comes before any [[position]]".into(),
                    Some(CITE_FIRST_HINT.into()),
                );
                return Vec::new();
            }
            _ => {
                let want = format!("an array of tables, written {written}");
                self.wrong_type(ctx, key, v, &want);
                if let (DeValue::Table(_), Some(d)) = (v.get_ref(), ctx.diags.last_mut()) {
                    d.hint = Some(format!(
                        "write its header with double brackets, {written}: there may be several"
                    ));
                }
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => ctx.error(
                    &item.span(),
                    format!("each `{key}` must be a table, found {}", type_name(other)),
                    Some(format!("write each one as a {written} table")),
                ),
            }
        }
        out
    }
}

/// Why a `[[position.cite]]` cannot come before the first `[[position]]`.
pub(super) const CITE_FIRST_HINT: &str = "each [[position.cite]] belongs to the [[position]] above it; move it below the [[position]] it supports";

/// The first `[[position.cite]]` header written before any `[[position]]` one: its
/// byte offset. The TOML layer reports that case as a duplicate key at the
/// `[[position]]` that follows, which says nothing useful.
pub(super) fn cite_before_position(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let header: String = line
            .trim()
            .strip_prefix("[[")
            .and_then(|l| l.split_once("]]"))
            .map(|(name, _)| name.chars().filter(|c| !c.is_whitespace()).collect())
            .unwrap_or_default();
        match header.as_str() {
            "position" => return None,
            "position.cite" => return Some(at + line.len() - line.trim_start().len()),
            _ => {}
        }
        at += line.len();
    }
    None
}

/// The most parts a dotted key may have before the TOML parser gives up on it.
pub(super) const MAX_KEY_PARTS: usize = 80;

/// Where the first dotted key (`a.b."c".d`) of at least `parts` parts starts. The TOML
/// parser reports such a key as "recursion limit" without a place; this finds it.
pub(super) fn long_dotted_key(text: &str, parts: usize) -> Option<usize> {
    let b = text.as_bytes();
    let skip_blank = |mut j: usize| {
        while j < b.len() && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        j
    };
    let (mut i, mut start, mut count) = (0, 0, 0);
    while i < b.len() {
        let Some(end) = key_part_end(b, i) else {
            count = 0;
            i += 1;
            continue;
        };
        if count == 0 {
            start = i;
        }
        count += 1;
        if count >= parts {
            return Some(start);
        }
        let j = skip_blank(end);
        if b.get(j) == Some(&b'.') {
            i = skip_blank(j + 1);
        } else {
            count = 0;
            i = end;
        }
    }
    None
}

/// The end of a bare (`a-b_1`) or quoted (`"a b"`, `'a'`) key part at `i`.
fn key_part_end(b: &[u8], i: usize) -> Option<usize> {
    let bare = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    match b[i] {
        c if bare(c) => Some(i + b[i..].iter().take_while(|&&c| bare(c)).count()),
        q @ (b'"' | b'\'') => {
            let mut j = i + 1;
            while j < b.len() && b[j] != q && b[j] != b'\n' {
                j += if q == b'"' && b[j] == b'\\' { 2 } else { 1 };
            }
            (b.get(j) == Some(&q)).then_some(j + 1)
        }
        _ => None,
    }
}

/// True for ids of the form `[a-z0-9][a-z0-9_-]*`.
pub(super) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn check_id(ctx: &mut Ctx, what: &str, id: &Sp<String>) -> bool {
    if valid_id(&id.v) {
        return true;
    }
    let fixed: String =
        id.v.trim()
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
    let fixed = fixed.trim_matches('-').to_string();
    let hint = if valid_id(&fixed) {
        format!("ids use lowercase letters, digits, `_` and `-`; try `{fixed}`")
    } else {
        "ids use lowercase letters, digits, `_` and `-`, starting with a letter or digit".into()
    };
    ctx.error(
        &id.span,
        format!("invalid {what} id `{}`", id.v),
        Some(hint),
    );
    false
}

const ROOT_KEYS: &[&str] = &[
    "schema",
    "title",
    "description",
    "sources_dir",
    "parties",
    "issues",
    "sources",
    "position",
];
const PARTY_KEYS: &[&str] = &["name", "short", "kind", "members"];
const ISSUE_KEYS: &[&str] = &["name", "question", "scale"];
const SOURCE_KEYS: &[&str] = &["file", "title", "publisher", "published", "url"];
const POSITION_KEYS: &[&str] = &[
    "party",
    "issue",
    "summary",
    "detail",
    "as_of",
    "stance",
    "acceptable",
    "status",
    "confidence",
    "conditions",
    "notes",
    "contested",
    "cite",
];
const CITE_KEYS: &[&str] = &["source", "quote", "prefix", "suffix", "speaker"];

/// Reads the parsed document into [`Raw`], reporting every problem to `ctx`.
pub(super) fn read(ctx: &mut Ctx, doc: &DeTable<'_>) -> Raw {
    let root = Table::new(ctx, doc, 0..0, "the top level".into(), ROOT_KEYS);
    read_schema(ctx, &root);
    let title = root
        .required_string(ctx, "title", "\"Ukraine peace talks, April 2025\"")
        .map(|s| s.v);
    let description = root.text(ctx, "description");
    let sources_dir = root.string(ctx, "sources_dir");
    let parties = read_parties(ctx, &root);
    let issues = read_issues(ctx, &root);
    let sources = read_sources(ctx, &root);
    let positions = read_positions(ctx, &root);
    Raw {
        title,
        description,
        sources_dir,
        parties,
        issues,
        sources,
        positions,
    }
}

/// The `[[position]]` tables of the document whose top level is `root`.
fn read_positions(ctx: &mut Ctx, root: &Table<'_, '_>) -> Vec<RawPosition> {
    let tables = root.array_of_tables(ctx, "position", "[[position]]");
    let mut positions = Vec::with_capacity(tables.len());
    for (t, header) in tables {
        let line = ctx.line_of(header.start);
        let t = Table::new(
            ctx,
            t,
            header.clone(),
            format!("the [[position]] at line {line}"),
            POSITION_KEYS,
        );
        if let Some(p) = read_position(ctx, &t, header) {
            positions.push(p);
        }
    }
    positions
}

/// The positions of a part of the file that holds nothing but `[[position]]` tables
/// (see [`super::parts`]).
pub(super) fn read_part(ctx: &mut Ctx, doc: &DeTable<'_>) -> Vec<RawPosition> {
    let root = Table::new(ctx, doc, 0..0, "the top level".into(), ROOT_KEYS);
    read_positions(ctx, &root)
}

/// `schema`: required, and 1.
fn read_schema(ctx: &mut Ctx, root: &Table<'_, '_>) {
    match root.get("schema") {
        None => root.missing(ctx, "schema", "1"),
        Some(v) => match v.get_ref() {
            DeValue::Integer(i)
                if i64::from_str_radix(i.as_str(), i.radix()) == Ok(super::SCHEMA) => {}
            DeValue::Integer(i) => ctx.error(
                &v.span(),
                format!("unsupported schema `{i}`: this version of stances reads schema 1"),
                Some("set schema = 1, or use the stances release that writes this schema".into()),
            ),
            _ => root.wrong_type(ctx, "schema", v, "the integer 1"),
        },
    }
}

/// The `[parties.*]` tables, in file order (those with errors left out).
fn read_parties(ctx: &mut Ctx, root: &Table<'_, '_>) -> Vec<RawParty> {
    let mut parties = Vec::new();
    for (id, t, span) in root.entries(ctx, "parties") {
        let name = format!("[parties.{}]", id.v);
        let t = Table::new(ctx, t, span, name, PARTY_KEYS);
        let ok = check_id(ctx, "party", &id);
        let name = t.required_string(ctx, "name", "\"United States\"");
        let short = t.text(ctx, "short");
        let kind = t.one_of(ctx, "kind", super::KINDS);
        let members = t
            .strings(ctx, "members")
            .map(|m| m.v.into_iter().map(|s| s.v).collect());
        if let (true, Some(name)) = (ok, name) {
            parties.push(RawParty {
                id,
                name: name.v,
                short,
                kind,
                members: members.unwrap_or_default(),
            });
        }
    }
    parties
}

/// The `[issues.*]` tables with their scales, in file order.
fn read_issues(ctx: &mut Ctx, root: &Table<'_, '_>) -> Vec<RawIssue> {
    let mut issues = Vec::new();
    for (id, t, span) in root.entries(ctx, "issues") {
        let label = format!("[issues.{}]", id.v);
        let t = Table::new(ctx, t, span, label, ISSUE_KEYS);
        let ok = check_id(ctx, "issue", &id);
        let name = t.required_string(ctx, "name", "\"Territory\"");
        let question = t.text(ctx, "question");
        let mut scale = Vec::new();
        for (step, v, _) in t.entries_of_strings(ctx, "scale", &id.v) {
            if check_id(ctx, "scale step", &step) {
                scale.push((step, v));
            }
        }
        if let (true, Some(name)) = (ok, name) {
            issues.push(RawIssue {
                id,
                name: name.v,
                question,
                scale,
            });
        }
    }
    issues
}

/// The `[sources.*]` tables, in file order.
fn read_sources(ctx: &mut Ctx, root: &Table<'_, '_>) -> Vec<RawSource> {
    let mut sources = Vec::new();
    for (id, t, span) in root.entries(ctx, "sources") {
        let label = format!("[sources.{}]", id.v);
        let t = Table::new(ctx, t, span, label, SOURCE_KEYS);
        let ok = check_id(ctx, "source", &id);
        let file = t.required_string(ctx, "file", "\"article.txt\"");
        let title = t.required_string(ctx, "title", "\"Witkoff to meet Putin in Moscow\"");
        let publisher = t.text(ctx, "publisher");
        let published = t.date(ctx, "published").map(|d| d.v);
        let url = t.text(ctx, "url");
        if let (true, Some(file), Some(title)) = (ok, file, title) {
            sources.push(RawSource {
                id,
                file,
                title: title.v,
                publisher,
                published,
                url,
            });
        }
    }
    sources
}

impl Table<'_, '_> {
    /// A table of string values (`[issues.x.scale]`), in file order.
    fn entries_of_strings(
        &self,
        ctx: &mut Ctx,
        key: &str,
        owner: &str,
    ) -> Vec<(Sp<String>, String, Range<usize>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Table(t) = v.get_ref() else {
            self.wrong_type(ctx, key, v, "a table of labels");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, item) in t {
            match item.get_ref() {
                DeValue::String(s) => out.push((
                    Sp {
                        v: k.get_ref().to_string(),
                        span: k.span(),
                    },
                    s.to_string(),
                    item.span(),
                )),
                other => ctx.error(
                    &item.span(),
                    format!(
                        "scale step `{}` of issue `{owner}` must be a string label, found {}",
                        k.get_ref(),
                        type_name(other)
                    ),
                    None,
                ),
            }
        }
        out
    }
}

fn read_position(ctx: &mut Ctx, t: &Table<'_, '_>, header: Range<usize>) -> Option<RawPosition> {
    let party = t.required_string(ctx, "party", "\"us\"");
    let issue = t.required_string(ctx, "issue", "\"territory\"");
    let summary = t.required_string(ctx, "summary", "\"Recognize Crimea as Russian\"");
    if let Some(s) = summary
        .as_ref()
        .filter(|s| s.v.trim().contains(['\n', '\r']))
    {
        ctx.warning(
            &s.span,
            "`summary` spans several lines, but it is the one-line grid cell".into(),
            Some("keep the summary to one line and move the rest into `detail`".into()),
        );
    }
    let detail = t.text(ctx, "detail");
    let as_of = t.date(ctx, "as_of");
    let stance = t.string(ctx, "stance");
    let acceptable = t.strings(ctx, "acceptable");
    let status = t.one_of(ctx, "status", super::STATUSES);
    let confidence = t.one_of(ctx, "confidence", super::CONFIDENCES);
    let conditions = t
        .strings(ctx, "conditions")
        .map(|c| c.v.into_iter().map(|s| s.v).collect());
    let notes = t.text(ctx, "notes");
    let contested = t.string(ctx, "contested").and_then(|s| {
        if s.v.trim().is_empty() {
            ctx.error(
                &s.span,
                "`contested` is empty: it says why the position is contested".into(),
                Some("write the reason, e.g. contested = \"denied by Trump on 23 April\"".into()),
            );
            return None;
        }
        Some(s.v)
    });
    let cite_tables = t.array_of_tables(ctx, "cite", "[[position.cite]]");
    // Exactly as many as written: most positions cite one or two quotes, and a
    // growing Vec would start at four.
    let mut cites = Vec::with_capacity(cite_tables.len());
    let mut cites_ok = true;
    for (ct, cheader) in cite_tables {
        let line = ctx.line_of(cheader.start);
        let ct = Table::new(
            ctx,
            ct,
            cheader.clone(),
            format!("the [[position.cite]] at line {line}"),
            CITE_KEYS,
        );
        let source = ct.required_string(ctx, "source", "\"ki-2025-04-23\"");
        let quote = match ct.get("quote") {
            None => {
                ct.missing(ctx, "quote", "\"the exact words from the source\"");
                None
            }
            Some(_) => ct.string(ctx, "quote"),
        };
        let prefix = ct.text(ctx, "prefix");
        let suffix = ct.text(ctx, "suffix");
        let speaker = ct.text(ctx, "speaker");
        match (source, quote) {
            (Some(source), Some(quote)) => cites.push(RawCite {
                source,
                quote,
                prefix,
                suffix,
                speaker,
            }),
            _ => cites_ok = false,
        }
    }
    if !cites_ok {
        return None;
    }
    Some(RawPosition {
        header,
        party: party?,
        issue: issue?,
        summary: summary?.v,
        detail,
        as_of,
        stance,
        acceptable,
        status,
        confidence,
        conditions: conditions.unwrap_or_default(),
        notes,
        contested,
        cites,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_long_dotted_key() {
        let key = format!("a{}", ".b".repeat(99));
        let text = format!("x = \"a.b.c\"\ny . z = 1\n[t]\n{key} = 1\n");
        assert_eq!(long_dotted_key(&text, 80), text.find("a.b.b"));
        let quoted = format!("k = 1\n'q'{}= 2", ".\"x\\\"y\" ".repeat(90));
        assert_eq!(long_dotted_key(&quoted, 80), Some(6));
        assert_eq!(long_dotted_key("a.b.c = 1\nv = 1.5", 3), Some(0));
        assert_eq!(long_dotted_key("a.b = 1\nv = 1.5", 3), None);
        assert_eq!(long_dotted_key("\"unterminated.a.b", 2), Some(1));
    }
}

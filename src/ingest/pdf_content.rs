//! A PDF content stream cut down to what places and shows text, before the PDF reader
//! decodes it: paths, colours, shadings, inline images and drawn images left out,
//! graphics states nested no deeper than [`MAX_GRAPHICS_DEPTH`]. The reader holds a
//! decoded operator (some hundred bytes) for each one kept and a copy of the graphics
//! state for each open `q`, so a page of millions of drawing operators, or a 16 KB
//! file of 8 million `q`, would take gigabytes; cut down, a page holds what its text
//! needs.

/// How deep graphics states may nest (`q` inside `q`); deeper ones, and the `Q` that
/// close them, are left out. (The PDF standard suggests 28 as an implementation limit;
/// generous for producers that never close theirs.)
pub const MAX_GRAPHICS_DEPTH: usize = 256;

/// How many tokens (operators and operands, counting those inside arrays) one content
/// stream may keep.
pub const MAX_TOKENS: usize = 4_000_000;

/// Operators kept: text objects and their state, the graphics state stack and
/// matrix, graphics state dictionaries (which may set the font), forms, and
/// compatibility sections.
const KEPT: &[&[u8]] = &[
    b"BT", b"ET", b"Tc", b"Tw", b"Tz", b"TL", b"Tf", b"Tr", b"Ts", b"Td", b"TD", b"Tm", b"T*",
    b"Tj", b"TJ", b"'", b"\"", b"q", b"Q", b"cm", b"gs", b"Do", b"BX", b"EX",
];

/// A content stream that keeps too much even when cut down.
#[derive(Debug, PartialEq, Eq)]
pub struct TooMany;

/// `content` with only the operators in `KEPT`, `Do` only for the XObjects that
/// `is_form` accepts (drawn images hold no text), and graphics states nested at most
/// [`MAX_GRAPHICS_DEPTH`] deep. Comments go. Fails when over [`MAX_TOKENS`] tokens
/// would be kept.
pub fn text_only(content: &[u8], is_form: &dyn Fn(&[u8]) -> bool) -> Result<Vec<u8>, TooMany> {
    let mut lexer = Lexer { s: content, at: 0 };
    let mut out = Vec::with_capacity(content.len().min(1 << 20));
    // Where the operands of the next operator start, and how many tokens they hold.
    let mut operands_at = 0;
    let mut operand_tokens = 0usize;
    let mut last_name: Option<(usize, usize)> = None;
    let (mut depth, mut dropped_q, mut kept) = (0usize, 0usize, 0usize);
    while let Some(token) = lexer.next() {
        match token {
            Token::Operand(n) => operand_tokens += n,
            Token::Name(start, end) => {
                operand_tokens += 1;
                last_name = Some((start, end));
            }
            Token::Comment => {}
            Token::InlineImage => {
                operands_at = lexer.at;
                operand_tokens = 0;
            }
            Token::Operator(start, end) => {
                let op = &content[start..end];
                let keep = match op {
                    b"q" if depth >= MAX_GRAPHICS_DEPTH => {
                        dropped_q += 1;
                        false
                    }
                    b"q" => {
                        depth += 1;
                        true
                    }
                    b"Q" if dropped_q > 0 => {
                        dropped_q -= 1;
                        false
                    }
                    b"Q" => {
                        depth = depth.saturating_sub(1);
                        true
                    }
                    b"Do" => {
                        last_name.is_some_and(|(s, e)| is_form(&unescape_name(&content[s + 1..e])))
                    }
                    _ => KEPT.contains(&op),
                };
                if keep {
                    kept += operand_tokens + 1;
                    if kept > MAX_TOKENS {
                        return Err(TooMany);
                    }
                    let words = &content[operands_at..end];
                    let lead = words.iter().take_while(|c| is_white(**c)).count();
                    out.extend_from_slice(&words[lead..]);
                    out.push(b'\n');
                }
                operands_at = end;
                operand_tokens = 0;
                last_name = None;
            }
        }
    }
    Ok(out)
}

/// A token of a content stream, by its byte range where one is needed.
enum Token {
    /// A number, string, array or dictionary; how many tokens it holds.
    Operand(usize),
    /// A name (`/F1`).
    Name(usize, usize),
    /// An operator.
    Operator(usize, usize),
    /// A comment.
    Comment,
    /// An inline image, `BI` to `EI`, skipped whole.
    InlineImage,
}

/// Reads the tokens of a content stream without building them.
struct Lexer<'a> {
    s: &'a [u8],
    at: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.at + ahead).copied()
    }

    fn next(&mut self) -> Option<Token> {
        while self.peek(0).is_some_and(is_white) {
            self.at += 1;
        }
        let start = self.at;
        let b = self.peek(0)?;
        Some(match b {
            b'%' => {
                while self.peek(0).is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.at += 1;
                }
                Token::Comment
            }
            b'/' => {
                self.at += 1;
                self.regular();
                Token::Name(start, self.at)
            }
            b'(' => {
                self.string();
                Token::Operand(1)
            }
            b'<' if self.peek(1) == Some(b'<') => Token::Operand(self.nested(b"<<", b">>")),
            b'<' => {
                while self.peek(0).is_some_and(|c| c != b'>') {
                    self.at += 1;
                }
                self.at += 1;
                Token::Operand(1)
            }
            b'[' => Token::Operand(self.nested(b"[", b"]")),
            b')' | b'>' | b']' | b'{' | b'}' => {
                // Stray closers: skipped as the reader would fail on them anyway.
                self.at += 1;
                Token::Operand(1)
            }
            _ => {
                self.regular();
                let word = &self.s[start..self.at];
                if word
                    .first()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.'))
                    || matches!(word, b"true" | b"false" | b"null")
                {
                    Token::Operand(1)
                } else if word == b"BI" {
                    self.inline_image();
                    Token::InlineImage
                } else {
                    Token::Operator(start, self.at)
                }
            }
        })
    }

    /// Passes over regular characters (a name's, a number's, an operator's).
    fn regular(&mut self) {
        while self
            .peek(0)
            .is_some_and(|c| !is_white(c) && !is_delimiter(c))
        {
            self.at += 1;
        }
    }

    /// Passes over a literal string: balanced parentheses, backslash escapes.
    fn string(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Passes over an array or a dictionary, which may nest (kept on a list, not on
    /// the call stack) and hold strings; returns how many tokens it held.
    fn nested(&mut self, open: &[u8], close: &'static [u8]) -> usize {
        self.at += open.len();
        let mut closers = vec![close];
        let mut tokens = 1;
        loop {
            while self.peek(0).is_some_and(is_white) {
                self.at += 1;
            }
            let rest = &self.s[self.at.min(self.s.len())..];
            if rest.is_empty() {
                return tokens;
            }
            if let Some(close) = closers.last().filter(|c| rest.starts_with(c)) {
                self.at += close.len();
                closers.pop();
                if closers.is_empty() {
                    return tokens;
                }
                continue;
            }
            tokens += 1;
            if rest.starts_with(b"<<") {
                self.at += 2;
                closers.push(b">>");
            } else if rest.starts_with(b"[") {
                self.at += 1;
                closers.push(b"]");
            } else if self.next().is_none() {
                return tokens;
            }
        }
    }

    /// Passes over an inline image after its `BI`: its dictionary, `ID`, one white
    /// space, then binary data up to an `EI` between white spaces (or the end).
    fn inline_image(&mut self) {
        let s = self.s;
        let Some(id) = find_word(s, self.at, b"ID") else {
            self.at = s.len();
            return;
        };
        let data = id + 3;
        self.at = find_word(s, data, b"EI").map_or(s.len(), |ei| ei + 2);
    }
}

/// A name's bytes with its `#xx` escapes decoded (`Fm#31` is `Fm1`).
fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], hex) {
            (b'#', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The position of `word` at or after `from`, standing between white spaces (or the
/// stream's ends).
fn find_word(s: &[u8], from: usize, word: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&s[at.min(s.len())..], word).map(|i| at + i) {
        let before = i == 0 || is_white(s[i - 1]);
        let after = s.get(i + word.len()).is_none_or(|&c| is_white(c));
        if before && after {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(content: &[u8]) -> String {
        String::from_utf8(text_only(content, &|name| name == b"Fm1").unwrap()).unwrap()
    }

    #[test]
    fn text_operators_stay_and_drawing_goes() {
        let page = b"% a comment\n1 0 0 RG 0.5 w 10 10 m 100 100 l S q 1 0 0 1 5 5 cm\nBT /F1 12 Tf 72 700 Td (Hi \\) there \\(x) Tj [(A) -120 (B)] TJ ET\n/Im1 Do /Fm#31 Do\nBI /W 4 /H 1 /BPC 8 /CS /G ID \x00EI\xff Tj\x01 EI Q\n<< /MCID 3 /A [[1] <</B 2>>] >> BDC (x) Tj EMC";
        assert_eq!(
            cut(page),
            "q\n1 0 0 1 5 5 cm\nBT\n/F1 12 Tf\n72 700 Td\n(Hi \\) there \\(x) Tj\n[(A) -120 (B)] TJ\nET\n/Fm#31 Do\nQ\n(x) Tj\n"
        );
    }

    #[test]
    fn graphics_states_nest_only_so_deep() {
        let deep = format!(
            "{}BT (deep) Tj ET{}",
            "q ".repeat(MAX_GRAPHICS_DEPTH + 100),
            " Q".repeat(MAX_GRAPHICS_DEPTH + 100)
        );
        let kept = cut(deep.as_bytes());
        assert_eq!(kept.matches("q\n").count(), MAX_GRAPHICS_DEPTH);
        assert_eq!(kept.matches("Q\n").count(), MAX_GRAPHICS_DEPTH);
        assert!(kept.contains("(deep) Tj"));
        // Eight million `q` and nothing else: next to nothing kept.
        let flood = "q\n".repeat(8_000_000);
        assert_eq!(cut(flood.as_bytes()).len(), 2 * MAX_GRAPHICS_DEPTH);
    }

    #[test]
    fn too_much_text_is_refused_and_garbage_ends() {
        let flood = "(a) Tj ".repeat(MAX_TOKENS / 2 + 1);
        assert_eq!(text_only(flood.as_bytes(), &|_| false), Err(TooMany));
        let deep = "[".repeat(1_000_000);
        for garbage in [
            &b"(unclosed"[..],
            b"<<",
            b"[ [ [",
            b"<abc",
            b"BI /W 1 ID",
            b")>]}",
            b"/",
            deep.as_bytes(),
        ] {
            assert!(text_only(garbage, &|_| false).is_ok());
        }
    }
}

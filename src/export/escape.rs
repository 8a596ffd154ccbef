//! Escaping text from the model for the formats that have markup: HTML and Markdown.
//! Every string is [`clean`]ed first, so no control or reordering character reaches an
//! exported file raw.

use crate::sanitize::{clean, collapse_space, one_line};

/// Escapes text for HTML content or a quoted attribute value, after [`clean`]ing it.
pub fn html(s: &str) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell or list item: [`clean`]ed, on one line,
/// Markdown punctuation backslash-escaped, `&`, `<`, `>` and `|` as character
/// references, so it stays plain text: no `|` splits a cell, no `*` or `[` starts
/// markup, no `<` starts HTML.
pub fn md(s: &str) -> String {
    md_keep_space(&one_line(s))
}

/// Like [`md`] but keeps the ends' white space (collapsed), for text around a bold
/// quote.
pub fn md_keep_space(s: &str) -> String {
    let s = collapse_space(&clean(s));
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\"\x1b[1m"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\u{FFFD}[1m"
        );
    }

    #[test]
    fn md_escapes_markup() {
        assert_eq!(
            md(" a|b *c* <i>&amp; [x](y)\n_z_ `q` \\ "),
            "a&#124;b \\*c\\* &lt;i&gt;&amp;amp; \\[x\\](y) \\_z\\_ \\`q\\` \\\\"
        );
    }
}

//! The character encoding of a web page, found as browsers find it: a byte order mark,
//! else the page's own declaration (`<meta charset>`, `<meta http-equiv=Content-Type>`,
//! an XML declaration), else sniffed from the bytes; and the page decoded with it.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page a `<meta>` declaration of its encoding is looked for. The HTML
/// standard's prescan reads 1,024 bytes; pages that put theirs after a long `<head>`
/// are common, and browsers honour those too.
const DECLARATION_WINDOW: usize = 64 * 1024;

/// The page's text, decoded from [`encoding_of`] it. Bytes that are not valid in that
/// encoding become U+FFFD, as in a browser.
pub fn decode(bytes: &[u8]) -> String {
    // `decode` removes a byte order mark, which wins over any other encoding.
    encoding_of(bytes).decode(bytes).0.into_owned()
}

/// The encoding of a page: its byte order mark's, else the one it declares, else the
/// one its bytes look like.
pub fn encoding_of(bytes: &[u8]) -> &'static Encoding {
    match Encoding::for_bom(bytes) {
        Some((e, _)) => e,
        None => declared(bytes).unwrap_or_else(|| sniffed(bytes)),
    }
}

/// The encoding a page declares in its first [`DECLARATION_WINDOW`] bytes, if it names
/// one `encoding_rs` knows. A declared UTF-16 means UTF-8 (a page that could declare it
/// in ASCII is not UTF-16), and `x-user-defined` windows-1252, as the standard says.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let label = xml_declaration(head).or_else(|| meta_charset(head))?;
    let encoding = Encoding::for_label(label)?;
    Some(match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => UTF_8,
        "x-user-defined" => WINDOWS_1252,
        _ => encoding,
    })
}

/// The `encoding` of an XML declaration at the very start (`<?xml version="1.0"
/// encoding="ISO-8859-1"?>`).
fn xml_declaration(head: &[u8]) -> Option<&[u8]> {
    let rest = head.strip_prefix(b"<?xml")?;
    let end = rest.windows(2).position(|w| w == b"?>")?;
    value_after(&rest[..end], b"encoding")
}

/// The charset named by the first `<meta>` tag that names one, outside comments and
/// before the body starts.
fn meta_charset(head: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &head[at..]).map(|i| at + i) {
        let rest = &head[lt..];
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&rest[4..], b"-->")?;
            at = lt + 4 + end + 3;
            continue;
        }
        let gt = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = &rest[..gt];
        if starts_with_name(tag, b"<body") {
            return None;
        }
        if starts_with_name(tag, b"<meta")
            && let Some(v) = value_after(&tag[5..], b"charset")
        {
            return Some(v);
        }
        at = lt + 1;
    }
    None
}

/// True when `tag` opens with `name` (ASCII case-insensitive) followed by a space, `/`
/// or its end.
fn starts_with_name(tag: &[u8], name: &[u8]) -> bool {
    tag.len() >= name.len()
        && tag[..name.len()].eq_ignore_ascii_case(name)
        && tag
            .get(name.len())
            .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/')
}

/// The value after `key` `=` in `text` (ASCII case-insensitive key; the value quoted or
/// not, ending at a quote, space, `;`, `/` or `>`). This reads both `charset="x"` and
/// `content="text/html; charset=x"`.
fn value_after<'a>(text: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], key).map(|i| from + i) {
        let mut j = i + key.len();
        while text.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if text.get(j) == Some(&b'=') {
            j += 1;
            while text
                .get(j)
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'"' || *c == b'\'')
            {
                j += 1;
            }
            let end = text[j..]
                .iter()
                .position(|&c| {
                    matches!(c, b'"' | b'\'' | b';' | b'/' | b'>') || c.is_ascii_whitespace()
                })
                .map_or(text.len(), |e| j + e);
            if end > j {
                return Some(&text[j..end]);
            }
        }
        from = i + key.len();
    }
    None
}

/// The encoding of a page that does not say: UTF-8 when its non-ASCII bytes are mostly
/// valid UTF-8 (a few broken bytes are replaced rather than the whole page misread),
/// else the legacy encoding the bytes look like most (`chardetng`, Firefox's detector).
fn sniffed(bytes: &[u8]) -> &'static Encoding {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += good.iter().filter(|&&b| b >= 0xC0).count();
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                invalid += 1;
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    if invalid == 0 || valid > invalid {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes)
    }

    #[test]
    fn declared_encodings_are_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body>\x93Quote\x94 \x96 na\xefve</body></html>";
        assert_eq!(encoding_of(page), WINDOWS_1252);
        let t = text(page);
        assert!(t.contains("Café") && t.contains("“Quote” – naïve"), "{t}");
        let latin1 = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Se\xf1or</p>";
        assert!(text(latin1).contains("Señor"));
        let xml = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><html><p>\xe0 propos</p></html>";
        assert!(text(xml).contains("à propos"));
        let cyrillic = b"<META CONTENT='text/html; charset=windows-1251' HTTP-EQUIV='Content-Type'><p>\xcc\xe8\xf0</p>";
        assert!(text(cyrillic).contains("Мир"));
    }

    #[test]
    fn byte_order_marks_win() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<meta charset=\"windows-1252\"><p>Київ</p>".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(encoding_of(&utf16).name(), "UTF-16LE");
        assert_eq!(text(&utf16), "<meta charset=\"windows-1252\"><p>Київ</p>");
        let mut be = vec![0xFE, 0xFF];
        for u in "<p>é</p>".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(text(&be), "<p>é</p>");
        assert_eq!(text(b"\xEF\xBB\xBF<p>\xC3\xA9</p>"), "<p>é</p>");
    }

    #[test]
    fn undeclared_pages_are_sniffed() {
        assert_eq!(encoding_of("<p>Київ</p>".as_bytes()), UTF_8);
        // Mostly UTF-8 with one broken byte: UTF-8, the byte replaced.
        assert_eq!(
            text(b"<p>\xC3\xA9t\xC3\xA9 \xFF ok \xC3\xA0</p>"),
            "<p>été \u{FFFD} ok à</p>"
        );
        // Legacy single-byte text without a declaration.
        let t = text(b"<p>Le gouvernement fran\xe7ais a d\xe9clar\xe9 que la r\xe9union \xe9tait termin\xe9e.</p>");
        assert!(t.contains("français a déclaré"), "{t}");
        // A declaration inside a comment or after the body starts is not one.
        assert_eq!(
            declared(b"<!-- <meta charset=koi8-r> --><body><meta charset=koi8-r>"),
            None
        );
        assert_eq!(declared(b"<meta charset=\"no-such\">"), None);
        assert_eq!(declared(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(declared(b"<metadata charset=koi8-r>"), None);
    }
}

//! Source URLs made safe to link, and `#:~:text=` fragments that point into the page.

use std::fmt::Write;

/// `url` as a link target, or `None` when it should be shown as text only: it must be
/// `http` or `https` with a plain host name or address (no user name, which can
/// disguise the real host) and an optional port. Characters that are not allowed in
/// a URL are percent-encoded.
pub fn href(url: &str) -> Option<String> {
    let url = url.trim();
    let colon = url.find("://")?;
    let scheme = url[..colon].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = &url[colon + 3..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    if !valid_authority(authority) {
        return None;
    }
    let mut out = format!("{scheme}://{}", authority.to_ascii_lowercase());
    let mut in_fragment = false;
    let bytes = tail.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let hex_follows = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
        match b {
            b'%' if hex_follows(i + 1) && hex_follows(i + 2) => out.push('%'),
            b'#' if !in_fragment => {
                in_fragment = true;
                out.push('#');
            }
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'-'
            | b'.' | b'_' | b'~' | b':' | b'@' | b'/' | b'?' => out.push(b as char),
            b if b.is_ascii_alphanumeric() => out.push(b as char),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    Some(out)
}

/// A host name (letters, digits, `-`, dots between labels) or IPv4 address, then an
/// optional port.
fn valid_authority(authority: &str) -> bool {
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let labels_ok = !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    port_ok && labels_ok
}

/// `href` with a text fragment that asks the browser to scroll to and highlight `text`
/// (white space collapsed, every character but letters, digits, `.`, `_` and `~`
/// percent-encoded, as the fragment syntax requires for `-`, `,` and `&`).
pub fn with_text_fragment(href: &str, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return href.to_string();
    }
    let mut out = String::from(href);
    out.push_str(if href.contains('#') {
        ":~:text="
    } else {
        "#:~:text="
    });
    for b in words.join(" ").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_plain_http_urls() {
        assert_eq!(
            href("https://Example.com/a b?q=\"x\"&y=<1>#f#g").as_deref(),
            Some("https://example.com/a%20b?q=%22x%22&y=%3C1%3E#f%23g")
        );
        assert_eq!(
            href("http://a.b:8080/100%/%41").as_deref(),
            Some("http://a.b:8080/100%25/%41")
        );
        assert_eq!(
            href("https://kyiv.ua/новини").as_deref(),
            Some("https://kyiv.ua/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8")
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "https://user@evil.com/",
            "http://exa mple.com/",
            "https:///path",
            "http://a..b/",
            "ftp://a.b/",
            "http://a.b:port/",
        ] {
            assert_eq!(href(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_fragments_are_encoded() {
        assert_eq!(
            with_text_fragment("https://a.b/", "30-day  truce, now & then"),
            "https://a.b/#:~:text=30%2Dday%20truce%2C%20now%20%26%20then"
        );
        assert_eq!(
            with_text_fragment("https://a.b/#x", "a"),
            "https://a.b/#x:~:text=a"
        );
    }
}

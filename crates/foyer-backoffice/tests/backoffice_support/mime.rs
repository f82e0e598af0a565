//! A small MIME reader for the messages the test SMTP server keeps: it walks
//! multipart bodies and decodes base64 and quoted-printable parts, which is
//! all lettre writes. Written here rather than taken from a crate, so the
//! tests need no new dependency for a few dozen lines.

/// One leaf part (not multipart) of a message, its body decoded.
#[derive(Debug, Clone)]
pub struct Part {
    /// Names lowercased, folded lines joined.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Part {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The media type without parameters, lowercased (`text/plain`).
    pub fn mime_type(&self) -> String {
        media_type(self.header("content-type").unwrap_or("text/plain"))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Every leaf part of the raw message, in order.
pub fn leaves(raw: &str) -> Vec<Part> {
    let (headers, body) = split(raw);
    let content_type = headers.iter().find(|(n, _)| n == "content-type").map_or("text/plain", |(_, v)| v.as_str());
    if media_type(content_type).starts_with("multipart/") {
        let boundary = parameter(content_type, "boundary").expect("a multipart part has a boundary");
        let delimiter = format!("--{boundary}");
        return body
            .split(delimiter.as_str())
            .skip(1) // the preamble
            .take_while(|chunk| !chunk.starts_with("--")) // the closing delimiter
            .flat_map(|chunk| leaves(chunk.strip_prefix("\r\n").unwrap_or(chunk)))
            .collect();
    }
    let encoding = headers.iter().find(|(n, _)| n == "content-transfer-encoding").map(|(_, v)| v.to_ascii_lowercase());
    // The CRLF before a delimiter belongs to the delimiter.
    let body = body.strip_suffix("\r\n").unwrap_or(body);
    let body = match encoding.as_deref() {
        Some("base64") => {
            let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            data_encoding::BASE64.decode(compact.as_bytes()).expect("valid base64")
        }
        Some("quoted-printable") => quoted_printable(body),
        _ => body.as_bytes().to_vec(),
    };
    vec![Part { headers, body }]
}

/// The headers (unfolded) and the body of one entity.
fn split(raw: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    (headers, body)
}

fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// A parameter of a header value, e.g. `boundary` of a Content-Type.
pub fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.trim().split_once('=')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn quoted_printable(body: &str) -> Vec<u8> {
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
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

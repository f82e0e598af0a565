//! What every console page shares: the chrome (who is signed in, the nav,
//! the CSRF token for forms, a one-line notice), rendering an askama
//! template, and the HTML form of an error.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::Principal;
use crate::db::DbError;
use crate::error::AppError;

/// The frame around every signed-in page.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    pub user: String,
    pub admin: bool,
    pub csrf: String,
    /// A one-line result of the last action, shown at the top.
    pub notice: Option<String>,
    /// Which nav entry is current (its path).
    pub here: &'static str,
}

impl Chrome {
    pub fn new(p: &Principal, here: &'static str, notice: Option<String>) -> Self {
        Self { user: p.name().to_owned(), admin: p.is_admin(), csrf: p.csrf().to_owned(), notice, here }
    }

    /// `aria-current` for a nav entry.
    pub fn current(&self, path: &str) -> &'static str {
        if self.here == path {
            "page"
        } else {
            "false"
        }
    }
}

/// Renders a page.
pub fn render(page: &impl Template) -> Result<Response, PageError> {
    let html = page.render().map_err(|source| PageError(AppError::Render { what: "the page", source }))?;
    Ok(Html(html).into_response())
}

/// An error on a console page, shown as a page rather than JSON.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let text = if status.is_server_error() {
            tracing::error!(error = %self.0, "console page failed");
            "Something went wrong on the server; the back-office log has the details.".to_owned()
        } else {
            self.0.to_string()
        };
        error_page(status, &text)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    text: &'a str,
}

/// A minimal page stating an error.
pub fn error_page(status: StatusCode, text: &str) -> Response {
    let body = ErrorPage { status: status.as_u16(), text }.render().unwrap_or_else(|_| "error".to_owned());
    (status, Html(body)).into_response()
}

/// A refused request as a page error (422 with the message).
pub fn refused(e: DbError) -> PageError {
    PageError(AppError::Db(e))
}

/// A time for people: `2026-11-23 14:05 UTC`; the page's script turns
/// `<time>` elements into the browser's local time.
pub fn when(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok())
        .unwrap_or_else(|| unix.to_string())
}

/// The same instant for `<time datetime="…">`.
pub fn iso(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value whose formatting fails, as a broken template value would.
    struct Failing;

    impl std::fmt::Display for Failing {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }

    #[derive(Template)]
    #[template(source = "<p>{{ value }}</p>", ext = "html")]
    struct Broken {
        value: Failing,
    }

    #[tokio::test]
    async fn a_render_failure_is_a_500_without_internal_text_and_its_cause_is_logged() {
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
        let sink = log.clone();
        let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || Sink(sink.clone())).finish();
        let response = tracing::subscriber::with_default(subscriber, || match render(&Broken { value: Failing }) {
            Ok(_) => panic!("the broken template rendered"),
            Err(e) => e.into_response(),
        });
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let logged = String::from_utf8(log.lock().unwrap().clone()).unwrap();
        assert!(logged.contains("console page failed") && logged.contains("rendering the page"), "{logged}");
        let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("the back-office log has the details") && !body.contains("rendering"), "{body}");
    }

    struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn times_read_as_utc_dates() {
        assert_eq!(when(0), "1970-01-01 00:00 UTC");
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
    }
}

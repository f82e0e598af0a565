//! Headless Chromium for the console's browser tests: Debian's `chromium`
//! driven by its `chromedriver` over WebDriver (fantoccini), both started by
//! the test on loopback and stopped with it.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// Where Debian puts the two programs.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Why the browser cannot run here, if it cannot.
pub fn missing() -> Option<String> {
    [CHROMIUM, CHROMEDRIVER]
        .iter()
        .find(|p| !Path::new(p).exists())
        .map(|p| format!("{p} is not installed (Debian packages chromium and chromium-driver)"))
}

/// A running chromedriver; killed on drop.
pub struct Driver {
    child: Child,
    pub url: String,
    profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Driver {
    pub fn start() -> Self {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {port} within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, url: format!("http://127.0.0.1:{port}"), profile: tempfile::tempdir().unwrap() }
    }

    /// A new headless browser session.
    pub async fn browser(&self) -> Client {
        let downloads = self.profile.path().join("downloads");
        self.browser_with_downloads(&downloads).await
    }

    /// A browser that saves downloads into `downloads`.
    pub async fn browser_with_downloads(&self, downloads: &Path) -> Client {
        std::fs::create_dir_all(downloads).unwrap();
        let profile = self.profile.path().join(format!("p{}", free_port()));
        let mut caps = serde_json::Map::new();
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--window-size=1280,900".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let prefs = serde_json::json!({
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
        });
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": CHROMIUM, "args": args, "prefs": prefs }),
        );
        ClientBuilder::new(HttpConnector::new()).capabilities(caps).connect(&self.url).await.expect("a browser session")
    }
}

/// Waits (bounded) until the page has an element matching `css` whose text
/// contains `text`.
pub async fn wait_for_text(b: &Client, css: &str, text: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(elements) = b.find_all(Locator::Css(css)).await {
            for e in elements {
                if e.text().await.is_ok_and(|t| t.contains(text)) {
                    return;
                }
            }
        }
        if Instant::now() > deadline {
            let page = b.source().await.unwrap_or_default();
            panic!("no {css} with {text:?} within {limit:?}; the page was:\n{page}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a screenshot of the page under `target/console-screenshots/`.
pub async fn screenshot(b: &Client, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/console-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, b.screenshot().await.unwrap()).unwrap();
    path
}

/// Logs in through the login form.
pub async fn log_in(b: &Client, base: &str, name: &str, password: &str) {
    b.goto(&format!("{base}/console/login")).await.unwrap();
    b.find(Locator::Css("#name")).await.unwrap().send_keys(name).await.unwrap();
    b.find(Locator::Css("#password")).await.unwrap().send_keys(password).await.unwrap();
    b.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for_text(b, "header .who", name, Duration::from_secs(10)).await;
}

//! The two processes of a soak: the kiosk (measured), and for the remote
//! variant a back office of its own, so the kiosk's figures hold only the
//! kiosk.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use foyer::cli::Context;
use foyer_domain::host::NewHost;
use foyer_kiosk::store::{hosts, Store};
use foyer_ui::screenshots::Headless;

use super::memory::Memory;
use super::visitor::Lobby;

const KIOSK: &str = "lobby";

fn grace() -> NewHost {
    NewHost::parse("Grace Hopper", Some("grace@example.org"), None, Some("Compilers")).expect("a valid host")
}

/// A back office on loopback for the remote variant: prints its URL and
/// the kiosk's token, then serves until its stdin closes (the parent ends).
pub fn backoffice() {
    let dir = tempfile::tempdir().unwrap();
    let settings =
        foyer_backoffice::BackofficeSettings { listen: "127.0.0.1:0".parse().unwrap(), ..Default::default() };
    {
        let mut scratch = Store::open(&dir.path().join("scratch.db")).unwrap();
        let db = foyer::embedded_hosts::open_backoffice(&settings, dir.path()).unwrap();
        foyer::embedded_hosts::import(&mut scratch, &db, KIOSK, &[grace()]).unwrap();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (url, token, served) = foyer_backoffice::start_in_process(&settings, dir.path(), KIOSK, async move {
            let _ = stopped.await;
        })
        .await
        .unwrap();
        println!("URL {url} TOKEN {}", token.expose());
        std::io::stdout().flush().unwrap();
        tokio::task::spawn_blocking(|| for _ in std::io::stdin().lock().lines() {}).await.unwrap();
        let _ = stop.send(());
        served.await.unwrap().unwrap();
    });
}

fn write_config(dir: &Path, remote: Option<(&str, &str)>) -> std::path::PathBuf {
    let mut toml = format!("data_dir = {:?}\n[backoffice]\nlisten = \"127.0.0.1:0\"\n", dir.join("data"));
    if let Some((url, token)) = remote {
        toml.push_str(&format!("url = {url:?}\ntoken = {token:?}\n"));
    }
    let path = dir.join("foyer.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(60), "soak: {what} did not happen within 60 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The kiosk as `foyer kiosk` builds it (simulated devices, the settings
/// file's link), its pages on the software renderer, through `visits`
/// visits; prints its memory before the first and every `every` visits.
pub fn kiosk(visits: usize, every: usize, remote: Option<(&str, &str)>) {
    // As `foyer kiosk` does before its threads start.
    foyer::heap_arenas::limit_for_kiosk();
    let dir = tempfile::tempdir().unwrap();
    let ctx = Context::load(Some(&write_config(dir.path(), remote))).unwrap();
    let kiosk = Arc::new(ctx.kiosk().unwrap());
    if remote.is_none() {
        hosts::import(kiosk.store().conn_mut(), &[grace()]).unwrap();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let (k, c) = (kiosk.clone(), ctx.config.clone());
    let link = runtime.spawn(async move {
        let shutdown = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        foyer::embedded::run_with_backoffice(k, &c.link, &c.backoffice, &c.data_dir, shutdown).await
    });
    wait_for("the link to the back office", || kiosk.notices().is_linked());
    wait_for("the host directory", || !hosts::list(kiosk.store().conn()).unwrap().is_empty());
    foyer_ui::worker::run_inline(true);
    let screen = Headless::new(kiosk.clone(), foyer::cli::ui_options(&ctx).unwrap()).unwrap();
    let lobby = Lobby { window: &screen.ui.window, screen: Some(&screen) };
    let _ = screen.render(1280, 800);
    println!("{}", Memory::now().line(0));
    for n in 1..=visits {
        lobby.visit(n);
        if n % every == 0 || n == visits {
            println!("{}", Memory::now().line(n));
            std::io::stdout().flush().unwrap();
        }
    }
    let _ = stop.send(true);
    runtime.block_on(link).unwrap().unwrap();
}

//! The console's agreement page with kiosk languages: the language select
//! publishes a version in a language, the page lists each language's
//! current version, the history names every version's language, and a
//! refused form keeps the language chosen.

use reqwest::StatusCode;

use super::{follow, kiosk_sync, started, text};

#[tokio::test]
async fn a_version_published_in_german_is_listed_with_its_language_and_synced() {
    let (bo, _dir, adam) = started().await;
    let kiosk = bo.add_kiosk("lobby-1");
    let page = text(adam.get("/console/admin/agreement").await).await;
    assert!(page.contains(r#"<select id="agreement-language" name="language">"#), "{page}");
    assert!(page.contains(r#"<option value="de">Deutsch (de)</option>"#));

    let refused = adam.post_form("/console/admin/agreement", &[("text", "Seid nett."), ("language", "de")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = text(refused).await;
    assert!(refused.contains("default language first"), "{refused}");
    assert!(refused.contains(r#"<option value="de" selected>"#), "the chosen language is kept");

    follow(&adam, adam.post_form("/console/admin/agreement", &[("text", "Be kind."), ("language", "")]).await).await;
    let page =
        follow(&adam, adam.post_form("/console/admin/agreement", &[("text", "Seid nett."), ("language", "de")]).await)
            .await;
    assert!(page.contains("version 2 published in Deutsch"), "{page}");
    assert!(page.contains("Current: version 1 (site default)"));
    let languages =
        &page[page.find("Current in the kiosk languages").unwrap()..page.find("Publish a new version").unwrap()];
    assert!(languages.contains("Deutsch (de)") && languages.contains("Version 2</a>"), "{languages}");
    let history = &page[page.find("<h2>History</h2>").unwrap()..];
    assert!(history.contains("Version 2</a></td><td>Deutsch (de)</td>"), "{history}");
    assert!(history.contains("Version 1</a></td><td>Site default</td>"), "{history}");

    // A newer default version leaves the German one current in German.
    follow(&adam, adam.post_form("/console/admin/agreement", &[("text", "Be kinder."), ("language", "")]).await).await;
    let german = text(adam.get("/console/admin/agreement/2").await).await;
    assert!(german.contains("Deutsch (de).") && german.contains(">current</span>"), "{german}");
    let old = text(adam.get("/console/admin/agreement/1").await).await;
    assert!(old.contains("Site default.") && !old.contains(">current</span>"), "{old}");

    let synced = kiosk_sync(&bo, &kiosk, 0).await;
    assert_eq!(synced["agreement"]["version"], 3);
    assert_eq!(synced["agreements"][0]["language"], "de");
    assert_eq!(synced["agreements"][1]["version"], 3);
    bo.stop().await;
}

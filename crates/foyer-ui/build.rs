//! Compiles the kiosk UI (ui/app.slint) with its translations bundled.

fn main() {
    let config = slint_build::CompilerConfiguration::new()
        // UI tests find elements by accessible label; that needs debug info.
        .with_debug_info(true)
        .with_style("fluent-light".into())
        // The catalogues are ui/translations/<lang>/LC_MESSAGES/foyer-ui.po:
        // Slint takes the translation domain from the package name.
        .with_bundled_translations("../../ui/translations")
        .with_default_translation_context(slint_build::DefaultTranslationContext::None);
    slint_build::compile_with_config("../../ui/app.slint", config).expect("the Slint UI compiles");
}

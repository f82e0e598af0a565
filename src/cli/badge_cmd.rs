//! `foyer badge render`: encodes a badge with a real signed token into the
//! job file the profile's printer takes (ESC/POS, Brother QL raster or ZPL)
//! and a PNG preview, without any printer attached.

use std::path::PathBuf;

use anyhow::Context;
use time::OffsetDateTime;
use uuid::Uuid;

use foyer_devices::badge::Logo;
use foyer_devices::printer::profile::DEFAULT_PROFILE;
use foyer_devices::printer::{encode_for, preview_for, PrinterModel};
use foyer_devices::PrintEncoding;
use foyer_domain::text::clean_text;
use foyer_domain::{BadgeContent, SiteKey, VisitorDetails, VisitorName, VisitorType};

/// `foyer badge …`
#[derive(Debug, clap::Args)]
pub struct BadgeArgs {
    #[command(subcommand)]
    pub command: BadgeCommand,
}

/// Badge subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BadgeCommand {
    /// Encode a badge as the printer's job file; prints the byte count.
    Render(RenderArgs),
}

/// `foyer badge render --printer PROFILE --name … --out FILE.bin`
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// Built-in profile name or path to a profile .toml.
    #[arg(long, default_value = DEFAULT_PROFILE)]
    pub printer: String,
    /// The visitor's name, validated as at the kiosk.
    #[arg(long)]
    pub name: String,
    /// The visitor's company.
    #[arg(long)]
    pub company: Option<String>,
    /// Who the visitor is seeing.
    #[arg(long, default_value = "Reception")]
    pub host: String,
    /// guest, contractor, interview or delivery.
    #[arg(long = "type", default_value = "guest")]
    pub visitor_type: String,
    /// Draw the whole badge as an image even where the printer has native text and QR.
    #[arg(long)]
    pub raster: bool,
    /// A PNG logo for the top of the badge.
    #[arg(long)]
    pub logo: Option<PathBuf>,
    /// Where to write the job (ESC/POS or Brother bytes, or ZPL text).
    #[arg(long)]
    pub out: PathBuf,
    /// Where to write a PNG preview.
    #[arg(long)]
    pub preview: Option<PathBuf>,
}

/// What `render` produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Size of the job file.
    pub bytes: usize,
    /// Native, or raster where the profile or the text needed it.
    pub encoding: PrintEncoding,
    /// The badge as signed, token included.
    pub badge: BadgeContent,
}

/// Validates the input as the kiosk would, signs a token with `key`, and
/// writes the job (and preview) files.
pub fn render(args: &RenderArgs, key: &SiteKey, site_name: &str, now: OffsetDateTime) -> anyhow::Result<Rendered> {
    let model = PrinterModel::load(&args.printer)?;
    let name = VisitorName::parse(&args.name)?;
    let details = VisitorDetails::parse(args.company.as_deref(), None, None)?;
    let host = clean_text("host", &args.host, 80)?;
    let visitor_type = VisitorType::parse(&args.visitor_type)?;
    let logo = args.logo.as_deref().map(Logo::load).transpose().map_err(anyhow::Error::msg)?;
    let badge = BadgeContent::new(
        key,
        Uuid::new_v4(),
        name.as_str(),
        details.company.as_deref(),
        &host,
        visitor_type,
        now,
        site_name,
    );
    let job = encode_for(&model, &badge, logo.as_ref(), args.raster)?;
    std::fs::write(&args.out, &job.bytes).with_context(|| format!("cannot write {}", args.out.display()))?;
    if let Some(path) = &args.preview {
        let png = preview_for(&model, &badge, logo.as_ref())?;
        std::fs::write(path, png).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Rendered { bytes: job.bytes.len(), encoding: job.encoding, badge })
}

/// Runs `foyer badge …`.
pub fn run(args: BadgeArgs, key: &SiteKey, site_name: &str) -> anyhow::Result<()> {
    match args.command {
        BadgeCommand::Render(r) => {
            let now = OffsetDateTime::now_local().unwrap_or_else(|_| OffsetDateTime::now_utc());
            let done = render(&r, key, site_name, now)?;
            let encoding = match done.encoding {
                PrintEncoding::Native => "native",
                PrintEncoding::Raster => "raster",
            };
            println!("{} bytes ({encoding}) written to {}", done.bytes, r.out.display());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        badge: BadgeArgs,
    }

    #[test]
    fn the_command_line_parses_into_render_args() {
        let cli = Cli::try_parse_from([
            "badge", "render", "--name", "Ada", "--type", "delivery", "--raster", "--out", "b.bin",
        ])
        .unwrap();
        let BadgeCommand::Render(r) = cli.badge.command;
        assert_eq!((r.name.as_str(), r.visitor_type.as_str(), r.raster), ("Ada", "delivery", true));
        assert_eq!(r.printer, "generic-80mm");
        assert!(Cli::try_parse_from(["badge", "render", "--name", "Ada"]).is_err(), "--out is required");
    }

    #[test]
    fn a_control_character_in_the_name_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b.bin");
        let args = RenderArgs {
            printer: "generic-80mm".into(),
            name: "Eve\u{1b}@".into(),
            company: None,
            host: "Reception".into(),
            visitor_type: "guest".into(),
            raster: false,
            logo: None,
            out: out.clone(),
            preview: None,
        };
        let err = render(&args, &SiteKey::from_bytes([5; 32]), "HQ", OffsetDateTime::now_utc()).unwrap_err();
        assert!(err.to_string().contains("name"), "{err}");
        assert!(!out.exists());
    }
}

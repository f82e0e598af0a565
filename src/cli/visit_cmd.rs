//! Visit commands for scripted desk use and testing: check in and out,
//! invite, approve or deny, the watchlist, token verification.

use clap::{Args, Subcommand};
use uuid::Uuid;

use super::{Context, UsageError};
use foyer_domain::{BadgeClaims, VisitorType};
use foyer_kiosk::check_in::{HostChoice, WalkIn};
use foyer_kiosk::invite::NewInvitation;
use foyer_kiosk::store::visit_export::rfc3339;
use foyer_kiosk::store::{now_unix, watchlist};
use foyer_kiosk::Actor;

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The visitor's name as on the badge.
    #[arg(long)]
    name: String,
    /// The host: a name, an email, or `#ID`.
    #[arg(long)]
    host: String,
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// guest, contractor, interview or delivery.
    #[arg(long = "type", default_value = "guest")]
    visitor_type: String,
    /// The visitor has read and accepted the current visitor agreement
    /// (required for every type but delivery).
    #[arg(long)]
    accept_agreement: bool,
    /// The language of the badge's words and dates: en, de, es or fr.
    #[arg(long, default_value = "en")]
    language: String,
}

#[derive(Debug, Args)]
pub struct CheckoutArgs {
    /// A badge token (FB1.…) or a visit id.
    token_or_visit: String,
}

#[derive(Debug, Args)]
pub struct InviteArgs {
    #[arg(long)]
    name: String,
    #[arg(long)]
    host: String,
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long = "type", default_value = "guest")]
    visitor_type: String,
    /// The day of the visit (YYYY-MM-DD); default today.
    #[arg(long)]
    date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Let a flagged visitor in: the badge prints and the door opens.
    Approve { visit_id: Uuid },
    /// Refuse a flagged visitor.
    Deny { visit_id: Uuid },
}

#[derive(Debug, Subcommand)]
pub enum WatchlistCommand {
    /// Add a name screened at every check-in.
    Add {
        name: String,
        #[arg(long)]
        reason: String,
    },
    /// List the entries.
    List,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Verify a badge token against this site's key and show what it names.
    Verify { token: String },
}

fn host_choice(raw: &str) -> HostChoice {
    match raw.strip_prefix('#').and_then(|id| id.parse().ok()) {
        Some(id) => HostChoice::Id(id),
        None => HostChoice::Name(raw.to_owned()),
    }
}

pub fn checkin(ctx: &Context, a: CheckinArgs) -> anyhow::Result<()> {
    let kiosk = ctx.kiosk()?;
    let visitor_type = VisitorType::parse(&a.visitor_type).map_err(|e| UsageError(e.to_string()))?;
    let language = foyer_domain::Language::parse(&a.language).map_err(|e| UsageError(e.to_string()))?;
    let agreement_version =
        if a.accept_agreement { Some(foyer_kiosk::store::agreements::current(kiosk.store().conn())?.0) } else { None };
    let req = WalkIn {
        name: a.name,
        company: a.company,
        email: a.email,
        phone: a.phone,
        host: host_choice(&a.host),
        visitor_type,
        agreement_version,
        visit_id: None,
        language,
    };
    let outcome = kiosk.check_in(&req, &Actor::Cli)?;
    println!("visit {}", outcome.visit.id);
    match &outcome.admission {
        None => println!("state pending_approval: {}", outcome.visit.flag_reason.as_deref().unwrap_or("flagged")),
        Some(adm) => {
            println!("state on_site");
            println!("token {}", adm.badge.token);
            println!("badge {}", serde_json::to_string(&adm.print)?);
            println!("door {}", serde_json::to_string(&adm.door)?);
        }
    }
    Ok(())
}

pub fn checkout(ctx: &Context, a: CheckoutArgs) -> anyhow::Result<()> {
    let kiosk = ctx.kiosk()?;
    let visit = match Uuid::parse_str(a.token_or_visit.trim()) {
        Ok(id) => kiosk.check_out(id, &Actor::Cli)?,
        Err(_) => kiosk.check_out_by_token(&a.token_or_visit, &Actor::Cli)?,
    };
    println!("checked out {} ({})", visit.visitor_name, visit.id);
    Ok(())
}

pub fn invite(ctx: &Context, a: InviteArgs) -> anyhow::Result<()> {
    let kiosk = ctx.kiosk()?;
    let visitor_type = VisitorType::parse(&a.visitor_type).map_err(|e| UsageError(e.to_string()))?;
    let expected_on = match a.date {
        Some(d) => time::Date::parse(&d, time::macros::format_description!("[year]-[month]-[day]"))
            .map_err(|_| UsageError(format!("--date {d:?}: expected a date like 2026-11-23")))?,
        None => time::OffsetDateTime::now_utc().date(),
    };
    let inv = NewInvitation {
        name: a.name,
        company: a.company,
        email: a.email,
        host: host_choice(&a.host),
        visitor_type,
        expected_on,
    };
    let (code, id) = kiosk.invite(&inv, &Actor::Cli)?;
    println!("invitation {}\nvisit {id}", code.display());
    Ok(())
}

pub fn review(ctx: &Context, c: ReviewCommand) -> anyhow::Result<()> {
    let kiosk = ctx.kiosk()?;
    match c {
        ReviewCommand::Approve { visit_id } => {
            let (visit, adm) = kiosk.approve(visit_id, &Actor::Cli)?;
            println!("approved {} ({})", visit.visitor_name, visit.id);
            println!("token {}", adm.badge.token);
            println!("badge {}", serde_json::to_string(&adm.print)?);
        }
        ReviewCommand::Deny { visit_id } => {
            let visit = kiosk.deny(visit_id, &Actor::Cli)?;
            println!("denied {} ({})", visit.visitor_name, visit.id);
        }
    }
    Ok(())
}

pub fn watchlist(ctx: &Context, c: WatchlistCommand) -> anyhow::Result<()> {
    let store = ctx.store()?;
    match c {
        WatchlistCommand::Add { name, reason } => {
            let id = watchlist::add(store.conn(), &name, &reason).map_err(|e| UsageError(e.to_string()))?;
            println!("watchlist entry {id} added");
        }
        WatchlistCommand::List => {
            for e in watchlist::load(store.conn())? {
                println!("{}\t{}\t{}", e.id, e.name, e.reason);
            }
        }
    }
    Ok(())
}

pub fn token(ctx: &Context, c: TokenCommand) -> anyhow::Result<()> {
    let TokenCommand::Verify { token } = c;
    let claims = BadgeClaims::verify(&token, &ctx.site_key()?, now_unix())?;
    println!("valid: visit {} until {}", claims.visit_id, rfc3339(claims.expires_at));
    Ok(())
}

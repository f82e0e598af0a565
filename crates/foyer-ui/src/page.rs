//! The kiosk's pages by name. `Page` itself is the Slint enum of
//! ui/adapters.slint (generated as a Rust enum), so the UI and the adapters
//! cannot disagree on a page; the names here are for what lives outside
//! the window: screenshot file names and the CLI's `--page`.

pub use super::Page;

/// Every page, in the order a visitor meets them.
pub const ALL: [Page; 16] = [
    Page::Welcome,
    Page::Type,
    Page::Details,
    Page::Host,
    Page::Agreement,
    Page::Review,
    Page::Printing,
    Page::Done,
    Page::Wait,
    Page::Trouble,
    Page::Invite,
    Page::InviteConfirm,
    Page::Checkout,
    Page::Goodbye,
    Page::StaffPin,
    Page::Staff,
];

/// The page's name, as the .slint files spell its enum value.
pub const fn name(page: Page) -> &'static str {
    match page {
        Page::Welcome => "welcome",
        Page::Type => "type",
        Page::Details => "details",
        Page::Host => "host",
        Page::Agreement => "agreement",
        Page::Review => "review",
        Page::Printing => "printing",
        Page::Done => "done",
        Page::Wait => "wait",
        Page::Trouble => "trouble",
        Page::Invite => "invite",
        Page::InviteConfirm => "invite-confirm",
        Page::Checkout => "checkout",
        Page::Goodbye => "goodbye",
        Page::StaffPin => "staff-pin",
        Page::Staff => "staff",
    }
}

/// Every page's name, in the order of [`ALL`].
pub const NAMES: [&str; 16] = {
    let mut names = [""; 16];
    let mut i = 0;
    while i < ALL.len() {
        names[i] = name(ALL[i]);
        i += 1;
    }
    names
};

/// The page of that name, if there is one.
pub fn from_name(name: &str) -> Option<Page> {
    ALL.into_iter().find(|&p| self::name(p) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_listed_once_and_found_by_its_name() {
        for (i, page) in ALL.into_iter().enumerate() {
            assert_eq!(ALL.iter().filter(|&&p| p == page).count(), 1, "{page:?} listed twice");
            assert_eq!(from_name(NAMES[i]), Some(page));
        }
        assert_eq!(from_name("lobby"), None);
    }
}

//! The staff PIN: stored as an argon2id hash, five wrong tries lock staff
//! mode for five minutes.

use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Wrong tries before the lock.
pub const MAX_TRIES: u32 = 5;
/// How long the lock lasts.
pub const LOCK: Duration = Duration::from_secs(5 * 60);

/// The answer to a PIN attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinCheck {
    Accepted,
    Wrong { tries_left: u32 },
    Locked { remaining: Duration },
    NotConfigured,
}

/// Checks PINs against the configured hash and keeps the lockout.
pub struct PinGate {
    hash: Option<String>,
    wrong: u32,
    locked_until: Option<Instant>,
}

impl PinGate {
    /// `hash` is a PHC string (`$argon2id$…`), as `foyer staff-pin` prints.
    pub fn new(hash: Option<String>) -> Self {
        Self { hash, wrong: 0, locked_until: None }
    }

    pub fn check(&mut self, pin: &str, now: Instant) -> PinCheck {
        let Some(hash) = &self.hash else { return PinCheck::NotConfigured };
        if let Some(until) = self.locked_until {
            if now < until {
                return PinCheck::Locked { remaining: until - now };
            }
            self.locked_until = None;
            self.wrong = 0;
        }
        let ok = PasswordHash::new(hash)
            .map(|parsed| Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        if ok {
            self.wrong = 0;
            return PinCheck::Accepted;
        }
        self.wrong += 1;
        if self.wrong >= MAX_TRIES {
            self.locked_until = Some(now + LOCK);
            return PinCheck::Locked { remaining: LOCK };
        }
        PinCheck::Wrong { tries_left: MAX_TRIES - self.wrong }
    }
}

/// Hashes a PIN for the configuration (argon2id, random salt).
pub fn hash_pin(pin: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Ok(Argon2::default().hash_password(pin.as_bytes(), &salt)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_pin_opens_and_five_wrong_ones_lock() {
        let mut gate = PinGate::new(Some(hash_pin("2468").unwrap()));
        let t0 = Instant::now();
        assert_eq!(gate.check("2468", t0), PinCheck::Accepted);
        for left in (1..MAX_TRIES).rev() {
            assert_eq!(gate.check("0000", t0), PinCheck::Wrong { tries_left: left });
        }
        assert!(matches!(gate.check("0000", t0), PinCheck::Locked { .. }));
        // Even the right PIN is refused while locked…
        assert!(matches!(gate.check("2468", t0 + Duration::from_secs(60)), PinCheck::Locked { .. }));
        // …and accepted once the lock has passed.
        assert_eq!(gate.check("2468", t0 + LOCK + Duration::from_secs(1)), PinCheck::Accepted);
    }

    #[test]
    fn no_configured_pin_means_no_staff_mode() {
        assert_eq!(PinGate::new(None).check("1234", Instant::now()), PinCheck::NotConfigured);
    }
}

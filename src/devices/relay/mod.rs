//! Door-release relays driven by TOML profiles. (Being written for issue 4.)

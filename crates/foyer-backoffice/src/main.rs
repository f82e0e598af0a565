//! The `foyer-backoffice` binary: the back office alone, for a server with
//! no display libraries. Parse the command line, hand over to the library.

fn main() -> std::process::ExitCode {
    foyer_backoffice::cli::main()
}

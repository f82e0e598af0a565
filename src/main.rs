//! The `foyer` binary: parse the command line, hand over to the library.

fn main() -> std::process::ExitCode {
    foyer::cli::main()
}

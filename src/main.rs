use haeju_trader::cli;
#[cfg(feature = "gui")]
use haeju_trader::cli::Command;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("haeju-trader: {e}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    #[cfg(feature = "gui")]
    if let Command::Play { level, seed } = cmd {
        std::process::exit(haeju_trader::app::run(level, seed));
    }
    std::process::exit(cli::run(cmd));
}

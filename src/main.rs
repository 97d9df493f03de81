use haeju_trader::cli;
#[cfg(feature = "gui")]
use haeju_trader::cli::Command;

fn main() {
    #[cfg(feature = "gui")]
    let started = bevy::platform::time::Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("haeju-trader: {e}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    #[cfg(feature = "gui")]
    if let Command::Play {
        level,
        seed,
        frame_stats,
        tour,
        scale,
        korean,
    } = cmd
    {
        let opts = haeju_trader::app::Options {
            level,
            seed,
            tour,
            frame_stats,
            scale,
            korean,
        };
        std::process::exit(haeju_trader::app::run(opts, started));
    }
    std::process::exit(cli::run(cmd));
}

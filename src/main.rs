use haeju_trader::cli;
#[cfg(feature = "gui")]
use haeju_trader::cli::Command;

fn main() {
    #[cfg(feature = "gui")]
    let started = bevy::platform::time::Instant::now();
    // The browser has no command line: it plays, and the parser, its messages and the usage
    // text stay out of its bundle (the size budget, issue 14).
    #[cfg(target_arch = "wasm32")]
    let cmd = Command::Play(cli::Play::default());
    #[cfg(not(target_arch = "wasm32"))]
    let cmd = {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match cli::parse(&args) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("haeju-trader: {e}\n\n{}", cli::USAGE);
                std::process::exit(2);
            }
        }
    };
    #[cfg(feature = "gui")]
    if let Command::Play(opts) = cmd {
        let code = haeju_trader::app::run(opts, started);
        // In the browser the app keeps running after `run` returns (the page drives it), and
        // `process::exit` does not exist there: it would abort the module.
        #[cfg(target_arch = "wasm32")]
        {
            let _ = code;
            return;
        }
        #[cfg(not(target_arch = "wasm32"))]
        std::process::exit(code);
    }
    // (The browser has no command line: only the window runs there, and the commands'
    // code stays out of its bundle.)
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(cli::run(cmd));
}

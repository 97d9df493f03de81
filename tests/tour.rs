//! The screenshot tour: the real game in a real window (under Xvfb), one PNG per screen.
//! Each must exist, show something (not blank, not one flat colour) and differ from the rest.

use std::path::Path;
use std::process::Command;

/// Standard deviation of the grey levels: 0 for a uniform image.
fn spread(img: &image::RgbImage) -> f64 {
    let n = (img.width() * img.height()) as f64;
    let grey: Vec<f64> = img
        .pixels()
        .map(|p| (p[0] as f64 + p[1] as f64 + p[2] as f64) / 3.0)
        .collect();
    let mean = grey.iter().sum::<f64>() / n;
    (grey.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / n).sqrt()
}

/// The game in a virtual 1280×720 display, with its own runtime folder under `dir`.
fn in_xvfb(dir: &Path) -> Command {
    let runtime = dir.join("xdg");
    std::fs::create_dir_all(&runtime).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let mut c = Command::new("xvfb-run");
    c.args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_haeju-trader"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn the_tour_shows_every_screen() {
    let out = std::env::temp_dir().join(format!("haeju-tour-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = in_xvfb(&out)
        .args(["tour", "--out"])
        .arg(&out)
        .status()
        .expect("xvfb-run must be installed (.ci/install installs it)");
    assert!(status.success(), "tour exited with {status}");
    let mut seen: Vec<(String, u64)> = Vec::new();
    for (i, name) in haeju_trader::app::STEPS.iter().enumerate() {
        let path = out.join(format!("{:02}-{name}.png", i + 1));
        assert!(
            Path::new(&path).exists(),
            "no screenshot {}",
            path.display()
        );
        let img = image::open(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .to_rgb8();
        assert_eq!((img.width(), img.height()), (1280, 720), "{name}");
        let sd = spread(&img);
        assert!(
            sd > 4.0,
            "{name} looks blank or uniform (grey spread {sd:.1})"
        );
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            img.as_raw().hash(&mut h);
            h.finish()
        };
        for (other, h) in &seen {
            assert!(*h != hash, "{name} is the same picture as {other}");
        }
        seen.push((name.to_string(), hash));
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// Left alone, the game draws nothing and changes nothing: on the title and on the street
/// map no frame is drawn while nothing happens, and while frames do run on the street map
/// (as they would while a player thinks) none of the game's resources is marked changed.
#[test]
fn idle_play_draws_no_frames_and_changes_nothing() {
    let dir = std::env::temp_dir().join(format!("haeju-idle-{}", std::process::id()));
    let out = in_xvfb(&dir)
        .args(["play", "--idle-stats", "2"])
        .env("HAEJU_SAVE_DIR", dir.join("save"))
        .output()
        .expect("xvfb-run must be installed (.ci/install installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(
        out.status.success(),
        "idle stats exited with {}",
        out.status
    );
    for place in ["title", "street map"] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("idle on the {place}:")))
            .unwrap_or_else(|| panic!("no idle line for the {place}:\n{text}"));
        let frames: u32 = line
            .rsplit(", ")
            .next()
            .and_then(|f| f.strip_suffix(" frames"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no frame count in {line:?}"));
        assert!(
            frames <= 2,
            "frames drawn while idle on the {place}: {line}"
        );
    }
    let watched: u32 = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("resources of the game watched over 2 s of frames on the street map: ")
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(
        watched >= 10,
        "too few resources watched ({watched}):\n{text}"
    );
    assert!(
        text.contains("resources changed while idle: none"),
        "a resource changed with nothing happening:\n{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

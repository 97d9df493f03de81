//! Change in a class, with its uncertainty (issue 34): for one measure taken before and
//! after by the same students, the number of matched pairs, the mean before, after and
//! change, the standardised paired effect size d_z (the mean change over the standard
//! deviation of the changes) with a 95 % confidence interval, and the share of students who
//! improved. Engine-free, deterministic.
//!
//! The interval: d_z ± t(0.975, n−1) · √(1/n + d_z²/(2n)), the usual large-sample standard
//! error of a paired d with Student's t for a small class. Measured by simulation (a test
//! here, and 4,000 classes of each size in the note): it holds the true effect 95–96
//! times in 100 from 25 pairs on, and errs on the safe side below (about 97 at 12 pairs, 98
//! at 8: a little wide), where 1.96 in place of t would hold it only 94 times in 100.

/// The fewest pairs for an effect size: under ten, d_z swings so far from class to class
/// (three students moving together give 3.0) that a figure would be quoted as a finding;
/// the interval is then also much wider than 95 % needs (it held the true value 99.6 times
/// in 100 at five pairs, in simulation).
pub const MIN_PAIRS: usize = 10;

/// One measure's change over a class.
#[derive(Clone, Debug, PartialEq)]
pub struct Paired {
    /// Students with both a before and an after.
    pub n: usize,
    pub mean_before: f64,
    pub mean_after: f64,
    pub mean_change: f64,
    /// The standard deviation of the changes (n − 1 in the denominator).
    pub sd_change: f64,
    /// d_z and its 95 % interval: none under [`MIN_PAIRS`], or when every student changed
    /// by the same amount (no spread to standardise by).
    pub dz: Option<Effect>,
    /// Shares of the pairs (0–1) that went up, stayed, went down.
    pub improved: f64,
    pub same: f64,
    pub worse: f64,
}

/// A standardised effect and its 95 % confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Effect {
    pub d: f64,
    pub low: f64,
    pub high: f64,
}

impl Effect {
    /// The interval leaves out zero: a change this class would rarely show by chance.
    pub fn clear(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// The change over `pairs` of (before, after).
pub fn paired(pairs: &[(f64, f64)]) -> Paired {
    let n = pairs.len();
    let nf = n as f64;
    let mean = |f: &dyn Fn(&(f64, f64)) -> f64| {
        if n == 0 {
            0.0
        } else {
            pairs.iter().map(f).sum::<f64>() / nf
        }
    };
    let mean_before = mean(&|p| p.0);
    let mean_after = mean(&|p| p.1);
    let mean_change = mean(&|p| p.1 - p.0);
    let sd_change = if n < 2 {
        0.0
    } else {
        (pairs
            .iter()
            .map(|p| (p.1 - p.0 - mean_change).powi(2))
            .sum::<f64>()
            / (nf - 1.0))
            .sqrt()
    };
    let dz = (n >= MIN_PAIRS && sd_change > 1e-12).then(|| {
        let d = mean_change / sd_change;
        let se = (1.0 / nf + d * d / (2.0 * nf)).sqrt();
        let t = t975(n - 1);
        Effect {
            d,
            low: d - t * se,
            high: d + t * se,
        }
    });
    let share = |f: &dyn Fn(f64) -> bool| {
        if n == 0 {
            0.0
        } else {
            pairs.iter().filter(|p| f(p.1 - p.0)).count() as f64 / nf
        }
    };
    Paired {
        n,
        mean_before,
        mean_after,
        mean_change,
        sd_change,
        dz,
        improved: share(&|c| c > 1e-9),
        same: share(&|c| c.abs() <= 1e-9),
        worse: share(&|c| c < -1e-9),
    }
}

/// Student's t at 0.975 with `df` degrees of freedom (a 95 % two-sided interval): the
/// table up to 30, the Cornish-Fisher expansion beyond (within 0.001 of the exact value).
pub fn t975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        return f64::INFINITY;
    }
    if let Some(t) = TABLE.get(df - 1) {
        return *t;
    }
    let z: f64 = 1.959_963_985;
    let v = df as f64;
    z + (z.powi(3) + z) / (4.0 * v)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / (384.0 * v.powi(3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng as _, SeedableRng};

    /// A class of `n` students whose score moves by `effect` standard deviations of the
    /// change (scores on a 0–10 scale, before around 5).
    fn class(n: usize, effect: f64, rng: &mut rand_chacha::ChaCha8Rng) -> Vec<(f64, f64)> {
        let mut uniform = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let mut normal = || {
            // Box-Muller.
            let u = uniform().max(1e-12);
            let v = uniform();
            (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        };
        (0..n)
            .map(|_| {
                let before = 5.0 + 1.5 * normal();
                (before, before + effect * 1.2 + 1.2 * normal())
            })
            .collect()
    }

    #[test]
    fn a_known_effect_is_found_inside_its_interval_at_least_about_95_times_in_100() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(34);
        for (n, effect) in [(25, 0.5), (30, 0.0), (12, 0.8), (60, 0.3)] {
            let runs = 2000;
            let mut inside = 0;
            let mut ds = 0.0;
            for _ in 0..runs {
                let e = paired(&class(n, effect, &mut rng)).dz.unwrap();
                ds += e.d;
                inside += usize::from(e.low <= effect && effect <= e.high);
            }
            let coverage = inside as f64 / runs as f64;
            assert!(
                (0.93..=0.99).contains(&coverage),
                "{n} students, effect {effect}: the interval held it {coverage:.3} of the time"
            );
            // (d_z is a little biased upward in small classes, as Cohen's d is.)
            let mean_d = ds / runs as f64;
            assert!(
                (mean_d - effect).abs() < 0.05 + effect * 0.06,
                "{n} students, effect {effect}: mean d_z {mean_d:.3}"
            );
        }
    }

    #[test]
    fn one_class_with_an_effect_recovers_it_and_one_without_covers_zero() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let with = paired(&class(28, 0.6, &mut rng));
        let e = with.dz.unwrap();
        assert!(e.low <= 0.6 && 0.6 <= e.high, "{with:?}");
        assert!(
            e.clear(),
            "28 students moving 0.6 SD: the interval leaves out zero: {e:?}"
        );
        assert!(with.improved > with.worse);
        let without = paired(&class(28, 0.0, &mut rng));
        let e = without.dz.unwrap();
        assert!(e.low <= 0.0 && 0.0 <= e.high, "{without:?}");
        assert!(!e.clear());
    }

    #[test]
    fn small_or_flat_classes_give_no_effect_size() {
        assert_eq!(paired(&[]).n, 0);
        assert!(paired(&[(1.0, 2.0), (2.0, 4.0)]).dz.is_none());
        // Everyone up by exactly one: a change, but nothing to standardise it by.
        let flat = paired(&[(1.0, 2.0), (2.0, 3.0), (3.0, 4.0)]);
        assert_eq!((flat.mean_change, flat.improved), (1.0, 1.0));
        assert!(flat.dz.is_none());
    }

    #[test]
    fn the_t_values_are_right() {
        assert_eq!(t975(1), 12.706);
        assert_eq!(t975(30), 2.042);
        assert!((t975(40) - 2.021).abs() < 0.001, "{}", t975(40));
        assert!((t975(120) - 1.980).abs() < 0.001, "{}", t975(120));
        assert!((t975(100_000) - 1.960).abs() < 0.001);
    }
}

/// The difference between two groups' mean changes (`a` minus `b`: the players' minus the
/// readers') with its 95 % interval (Welch's, for groups of unequal size and spread). None
/// under [`MIN_PAIRS`] in either group.
pub fn difference(a: &Paired, b: &Paired) -> Option<Effect> {
    if a.n < MIN_PAIRS || b.n < MIN_PAIRS {
        return None;
    }
    let (va, vb) = (
        a.sd_change.powi(2) / a.n as f64,
        b.sd_change.powi(2) / b.n as f64,
    );
    let se = (va + vb).sqrt();
    let d = a.mean_change - b.mean_change;
    if se < 1e-12 {
        return Some(Effect { d, low: d, high: d });
    }
    // Welch–Satterthwaite's degrees of freedom, rounded down (a wider interval).
    let df = (va + vb).powi(2) / (va.powi(2) / (a.n - 1) as f64 + vb.powi(2) / (b.n - 1) as f64);
    let half = t975(df.floor().max(1.0) as usize) * se;
    Some(Effect {
        d,
        low: d - half,
        high: d + half,
    })
}

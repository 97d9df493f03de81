//! The game itself, engine-free: no Bevy, no I/O, no clocks. Everything the game does goes
//! through [`apply`]; everything is reproducible from a level, a seed and the actions.

pub mod action;
pub mod date;
pub mod engine;
pub mod locate;
pub mod scenario;
pub mod state;
pub mod text;
pub mod world;

pub use action::{Action, Consequence, Event, Reject};
pub use date::Date;
pub use engine::{
    MAX_OFFERS, Rng, apply, apply_quiet, at_stake, bribe_needed, new_game, new_rng, phone_price,
    stop_chance,
};
pub use scenario::*;
pub use state::*;
pub use text::{Lang, Text};
pub use world::{Problem, World, check_catalog, check_level, parse_catalog, parse_level};

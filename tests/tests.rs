//! End-to-end tests: real books built by the `bcp` binary in temp dirs.

mod suite;

//! The HTTP JSON API and the web page, served by `migtrack serve`.

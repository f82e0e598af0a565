//! Serial QR scanners: framing of scans. (Being written for issue 4.)

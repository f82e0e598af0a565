//! ESC/POS badge printers: profiles, encoders, transports, status. (Being written for issue 3.)

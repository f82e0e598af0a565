//! Serial line settings of a printer: the profile's factory defaults, which
//! the `[printer]` config may override (cheap printers vary; the self-test
//! page shows what a unit really uses).

use serde::Deserialize;

/// How the printer paces the kiosk when its buffer fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowControl {
    None,
    /// XOFF (0x13) / XON (0x11) bytes from the printer, handled by the tty.
    XonXoff,
    RtsCts,
    /// The printer drops DSR when busy. `serialport` has no such mode, so
    /// the transport checks DSR itself between chunks.
    DtrDsr,
}

impl FlowControl {
    /// The mode to ask of the tty driver; DTR/DSR is paced by us.
    pub fn to_serialport(self) -> serialport::FlowControl {
        match self {
            Self::None | Self::DtrDsr => serialport::FlowControl::None,
            Self::XonXoff => serialport::FlowControl::Software,
            Self::RtsCts => serialport::FlowControl::Hardware,
        }
    }
}

/// Parity of the serial line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parity {
    None,
    Odd,
    Even,
}

/// Baud rate, framing and handshake of a serial printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SerialConfig {
    pub baud: u32,
    pub data_bits: u8,
    pub parity: Parity,
    pub stop_bits: u8,
    pub flow_control: FlowControl,
}

impl SerialConfig {
    /// Refuses settings no UART offers, naming the field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !(300..=921_600).contains(&self.baud) {
            return Err(("serial.baud", format!("{} is outside 300–921600", self.baud)));
        }
        if !(7..=8).contains(&self.data_bits) {
            return Err(("serial.data_bits", format!("{} is not 7 or 8", self.data_bits)));
        }
        if !(1..=2).contains(&self.stop_bits) {
            return Err(("serial.stop_bits", format!("{} is not 1 or 2", self.stop_bits)));
        }
        Ok(())
    }

    /// A `serialport` builder for `path` with these settings.
    pub fn builder(&self, path: &str) -> serialport::SerialPortBuilder {
        serialport::new(path, self.baud)
            .data_bits(if self.data_bits == 7 { serialport::DataBits::Seven } else { serialport::DataBits::Eight })
            .parity(match self.parity {
                Parity::None => serialport::Parity::None,
                Parity::Odd => serialport::Parity::Odd,
                Parity::Even => serialport::Parity::Even,
            })
            .stop_bits(if self.stop_bits == 2 { serialport::StopBits::Two } else { serialport::StopBits::One })
            .flow_control(self.flow_control.to_serialport())
    }

    /// Seconds the line needs to move `bytes` (start, data, parity, stop bits).
    pub fn wire_seconds(&self, bytes: usize) -> f64 {
        let parity = if self.parity == Parity::None { 0 } else { 1 };
        let bits_per_byte = 1 + self.data_bits as u32 + parity + self.stop_bits as u32;
        bytes as f64 * bits_per_byte as f64 / self.baud as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nine_six() -> SerialConfig {
        SerialConfig { baud: 9600, data_bits: 8, parity: Parity::None, stop_bits: 1, flow_control: FlowControl::None }
    }

    #[test]
    fn nine_thousand_six_hundred_baud_moves_about_960_bytes_a_second() {
        assert!((nine_six().wire_seconds(960) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn impossible_framing_is_refused_by_field() {
        let bad = SerialConfig { data_bits: 5, ..nine_six() };
        assert_eq!(bad.check().unwrap_err().0, "serial.data_bits");
        let bad = SerialConfig { baud: 12, ..nine_six() };
        assert_eq!(bad.check().unwrap_err().0, "serial.baud");
    }

    #[test]
    fn dtr_dsr_is_paced_by_us_not_the_tty() {
        assert_eq!(FlowControl::DtrDsr.to_serialport(), serialport::FlowControl::None);
        assert_eq!(FlowControl::XonXoff.to_serialport(), serialport::FlowControl::Software);
    }
}

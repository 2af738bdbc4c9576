import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'Conectando con la transmisión…',
  retrying: (seconds: string) => `Se perdió la conexión. Reintentando en ${seconds} s`,
  reconnecting: 'Reconectando…',
  unreachable: 'No se puede acceder a la transmisión',
  reasonNetwork: 'Revisa tu conexión a internet.',
  reasonServer: 'El servidor de la transmisión no responde en este momento.',
  reasonRefused: 'El servidor de la transmisión rechazó la conexión.',
  reasonSetup: 'Esta transmisión aún no está bien configurada.',
  tryNow: 'Reintentar ahora',
} satisfies typeof en;

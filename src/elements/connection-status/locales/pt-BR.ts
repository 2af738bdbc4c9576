import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'Conectando à transmissão…',
  retrying: (seconds: string) => `A conexão caiu. Tentando de novo em ${seconds} s`,
  reconnecting: 'Reconectando…',
  unreachable: 'Não foi possível acessar a transmissão',
  reasonNetwork: 'Verifique sua conexão com a internet.',
  reasonServer: 'O servidor da transmissão não está respondendo agora.',
  reasonRefused: 'O servidor da transmissão recusou a conexão.',
  reasonSetup: 'Esta transmissão ainda não está configurada corretamente.',
  tryNow: 'Tentar agora',
} satisfies typeof en;

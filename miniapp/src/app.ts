import type { PropsWithChildren } from 'react';
import { parseWithoutEval } from '@minsheng/shared';
import './app.scss';

parseWithoutEval();

function App({ children }: PropsWithChildren) {
  // children is the page being shown
  return children;
}

export default App;

import { Text } from '@tarojs/components'
import { Page } from '../../components/Page'
import './index.scss'

export default function Programs() {
  return (
    <Page>
      <Text className='page__title'>服务项目</Text>
      <Text className='page__hint'>可以申请的服务项目将在这里列出。</Text>
    </Page>
  )
}

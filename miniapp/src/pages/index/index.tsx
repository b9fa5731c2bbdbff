import { PROGRAM_KIND_LABELS, PROGRAM_KINDS } from '@minsheng/shared'
import { Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Page } from '../../components/Page'
import './index.scss'

function openPrograms() {
  void Taro.switchTab({ url: '/pages/programs/index' })
}

export default function Index() {
  // Station officers forward the home page to residents in WeChat chats.
  useShareAppMessage(() => ({ title: '民生就业服务：在线申请', path: '/pages/index/index' }))

  return (
    <Page>
      <Text className='page__title'>您想办理哪项服务？</Text>
      <View className='tiles'>
        {PROGRAM_KINDS.map((kind) => (
          <View
            key={kind}
            className={`tile tile--${kind}`}
            hoverClass='tile--pressed'
            ariaRole='button'
            onClick={openPrograms}
          >
            <Text className='tile__label'>{PROGRAM_KIND_LABELS[kind]}</Text>
          </View>
        ))}
      </View>
    </Page>
  )
}

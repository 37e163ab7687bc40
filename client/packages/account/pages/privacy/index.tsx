import { View, Text } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import { openPrivacyContract } from '../../../../lib/privacy/setup'
import './index.scss'

interface Section {
  title: string
  paragraphs: string[]
}

/** Plain words, short sentences: many readers are elderly (PIPL art. 17 asks for "清晰易懂的语言"). */
const SECTIONS: Section[] = [
  {
    title: '我们收集哪些信息',
    paragraphs: [
      '微信标识：您登录时，我们通过微信获得一个只属于本小程序的用户标识（openid），用来识别您的账号。我们不会获取您的微信昵称、头像或聊天内容。',
      '手机号（用户主动授权）：只有在您点击“绑定手机号”并在微信弹窗中同意后，我们才会获得您的手机号。',
      '上传的照片（已去除位置信息）：您报事或提交凭证时上传的照片，服务器在保存前会删除照片中的拍摄地点等隐藏信息（EXIF）。',
      '填写的诉求内容：您反映的问题、留言和评价。',
      '扫码得到的点位：扫描楼栋、充电桩等处的二维码时，我们记录的是这个点位，不会读取您手机的定位。',
    ],
  },
  {
    title: '为什么收集',
    paragraphs: [
      '为了把您反映的问题交给对应网格的网格员处理，并把办理进度告诉您；',
      '为了让网格员在需要时联系您（手机号只有网格员和工作人员可以看到完整号码，每次查看都会留下记录）；',
      '为了记录志愿服务时长与积分。',
    ],
  },
  {
    title: '公开展示时如何保护您',
    paragraphs: [
      '在微心愿等公开内容中，只显示“王阿姨 · 漕湖花园二社区”这样的称呼，不显示全名、电话、住址或健康状况。手机号在页面上显示为 138****1234 的形式。',
    ],
  },
  {
    title: '保存多久',
    paragraphs: [
      '诉求及办理记录保存至办结后 3 年，用于回访和公开监督统计；照片随诉求一同保存；注销账号后，我们会在 15 个工作日内删除或匿名化您的个人信息，法律法规另有规定的除外。',
    ],
  },
  {
    title: '您的权利',
    paragraphs: ['您可以在“我的”页面查看、更正您的信息，也可以解除手机号绑定或申请注销账号。'],
  },
  {
    title: '联系我们',
    paragraphs: ['如对个人信息保护有疑问，请联系漕湖街道党群服务中心，或在“我的”页面通过消息中心给我们留言。我们会在 15 个工作日内答复。'],
  },
]

export default function PrivacyPage() {
  return (
    <PageShell className='privacy-page'>
      <View className='privacy-doc'>
        <Text className='privacy-doc__title'>邻里小程序隐私保护指引</Text>
        <Text className='privacy-doc__lead'>
          我们只收集为您办事所必需的信息。以下用通俗的话说明我们收集什么、为什么收集、保存多久。
        </Text>
        {SECTIONS.map((s) => (
          <View key={s.title} className='privacy-doc__section'>
            <Text className='privacy-doc__heading'>{s.title}</Text>
            {s.paragraphs.map((p) => (
              <Text key={p} className='privacy-doc__para'>
                {p}
              </Text>
            ))}
          </View>
        ))}
        <Text className='privacy-doc__link' onClick={openPrivacyContract}>
          查看微信版《隐私保护指引》
        </Text>
      </View>
    </PageShell>
  )
}
